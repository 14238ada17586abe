import doctest

import motcua.submissions.selectors


def test_selector_doctests():
    assert doctest.testmod(motcua.submissions.selectors).failed == 0
