"""Services of the official forms: render a form as printable HTML or as PDF."""

from motcua.official_forms.services.rendering import (
    CounterDraft,
    counter_slip_render,
    form_render,
    tracking_book_render,
)

__all__ = ["CounterDraft", "counter_slip_render", "form_render", "tracking_book_render"]
