from aimonitor.findings.text import join_list


def test_a_list_reads_with_commas_and_a_final_and_in_each_language():
    assert join_list(["a", "b", "c"], "nl") == "a, b en c"
    assert join_list(["a", "b", "c"], "en") == "a, b and c"


def test_dutch_decimals_in_a_list_are_separated_by_semicolons():
    assert join_list(["4,1", "4,0", "3,9"], "nl") == "4,1; 4,0 en 3,9"
