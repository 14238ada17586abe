"""Input shapes of the officials' screens (validation of form fields only; rules live in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import ApplicantKind, ResultDelivery

CONFIRM = _("I confirm this action")


class ApplicantForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Applicant is"), choices=ApplicantKind.choices, initial=ApplicantKind.PERSON
    )
    identity_number = forms.CharField(
        label=_("Identity number (CCCD) or enterprise code"), max_length=20
    )
    name = forms.CharField(label=_("Full name or organization name"), max_length=255)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=500, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    confirm = forms.BooleanField(label=CONFIRM)


class SupplementForm(ReasonForm):
    missing = forms.CharField(
        label=_("Documents to supplement (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    def missing_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["missing"].splitlines() if line.strip()]


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    confirm = forms.BooleanField(label=CONFIRM)


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(label=_("Official"), coerce=int)
    confirm = forms.BooleanField(label=CONFIRM)

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["assignee"].choices = choices  # type: ignore[attr-defined]


class ConsultForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit to consult"), coerce=int)
    answer_due_at = forms.DateTimeField(
        label=_("Answer due at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    question = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    confirm = forms.BooleanField(label=CONFIRM)

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].choices = choices  # type: ignore[attr-defined]


class ApologyForm(ReasonForm):
    new_due_at = forms.DateTimeField(
        label=_("New appointment"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class PaymentRequestForm(forms.Form):
    amount = forms.IntegerField(label=_("Amount (VND)"), min_value=0)
    description = forms.CharField(label=_("Description"), max_length=500)
    confirm = forms.BooleanField(label=CONFIRM)


class PaymentConfirmForm(forms.Form):
    reference = forms.CharField(label=_("Payment reference"), max_length=200)
    confirm = forms.BooleanField(label=CONFIRM)


class FinishForm(forms.Form):
    result = forms.CharField(label=_("Result (document issued)"), max_length=2000)
    confirm = forms.BooleanField(label=CONFIRM)


class ReturnForm(forms.Form):
    delivery = forms.ChoiceField(label=_("Handed over"), choices=ResultDelivery.choices)
    confirm = forms.BooleanField(label=CONFIRM)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your unit's opinion"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class PeriodForm(forms.Form):
    start_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end_on = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
