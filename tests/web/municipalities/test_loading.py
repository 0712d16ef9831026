import shutil
from pathlib import Path

import pytest

from aimonitor.errors import AimonitorError
from aimonitor.paths import data_dir
from aimonitor.web.municipalities.loading import load_frame_into_database
from aimonitor.web.municipalities.models import Merger, Municipality

pytestmark = pytest.mark.django_db


def test_loading_the_frame_stores_342_municipalities_for_each_year_and_the_mergers():
    summary = load_frame_into_database()
    assert summary.municipalities == {2023: 342, 2024: 342, 2025: 342}
    for year in (2023, 2024, 2025):
        assert Municipality.objects.filter(frame_year=year).count() == 342
    assert Merger.objects.count() == 14
    amsterdam = Municipality.objects.get(frame_year=2024, code="GM0363")
    assert amsterdam.size_class == "ge250k"
    assert amsterdam.province == "Noord-Holland"


def test_loading_the_frame_twice_does_not_duplicate_anything():
    load_frame_into_database()
    load_frame_into_database()
    assert Municipality.objects.count() == 3 * 342
    assert Merger.objects.count() == 14


def test_loading_the_frame_again_puts_back_what_the_files_say():
    load_frame_into_database()
    Municipality.objects.filter(frame_year=2024, code="GM0363").update(
        name="Mokum", inhabitants=1, size_class="lt20k"
    )
    Municipality.objects.filter(frame_year=2025, code="GM0014").delete()
    load_frame_into_database()
    amsterdam = Municipality.objects.get(frame_year=2024, code="GM0363")
    assert (amsterdam.name, amsterdam.size_class) == ("Amsterdam", "ge250k")
    assert amsterdam.inhabitants > 800_000
    assert Municipality.objects.filter(frame_year=2025, code="GM0014").count() == 1
    assert Municipality.objects.count() == 3 * 342


def test_a_broken_frame_file_is_refused_and_leaves_the_database_as_it_was(tmp_path: Path):
    load_frame_into_database()
    broken = tmp_path / "data"
    shutil.copytree(data_dir() / "frame", broken / "frame")
    path = broken / "frame" / "municipalities_2025.csv"
    path.write_text(
        path.read_text().replace("GM0014,Groningen,Groningen,244441", "GM0014,Groningen")
    )
    with pytest.raises(AimonitorError, match=r"municipalities_2025\.csv"):
        load_frame_into_database(broken)
    assert Municipality.objects.count() == 3 * 342
