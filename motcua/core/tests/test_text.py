from hypothesis import given
from hypothesis import strategies as st

from motcua.core.text import fold, nfc


def test_fold_strips_vietnamese_marks_and_d_bar():
    assert fold("Cấp giấy phép xây dựng") == "cap giay phep xay dung"
    assert fold("ĐĂNG KÝ THÀNH LẬP hộ kinh doanh") == "dang ky thanh lap ho kinh doanh"
    assert fold("Chứng thực bản sao từ bản chính") == "chung thuc ban sao tu ban chinh"


def test_fold_is_the_same_for_composed_and_decomposed_input():
    composed = "Lý lịch tư pháp"
    decomposed = "Ly\u0301 li\u0323ch tư pha\u0301p"
    assert fold(composed) == fold(decomposed) == "ly lich tu phap"
    assert nfc(decomposed) == composed


def test_fold_collapses_punctuation_to_single_spaces():
    assert fold("  1.001193 — khai-sinh!! ") == "1 001193 khai sinh"


@given(st.text())
def test_fold_is_idempotent_and_ascii(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert all(ch.isascii() for ch in folded)
