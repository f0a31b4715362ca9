"""Townships' own centre points, loaded from a file the deployment may use: all rows or none."""

from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from portal.audit.models import AuditEntry
from portal.cache import generation
from portal.demo import demo_point
from portal.organizations.models import Jurisdiction
from portal.organizations.services import township_centres_set

pytestmark = pytest.mark.django_db

SOURCE = "县民政局提供的乡镇驻地坐标（授权使用）"


def centre(code: str) -> tuple[Decimal, Decimal]:
    place = Jurisdiction.objects.get(code=code)
    return place.latitude, place.longitude


def test_townships_take_the_centres_of_the_file_and_the_rest_keep_theirs():
    untouched = centre("410102003")

    count = township_centres_set(
        rows=[{"code": "410102001", "longitude": "113.616119", "latitude": "34.744898"}],
        source=SOURCE,
    )

    assert count == 1
    assert centre("410102001") == (Decimal("34.744898"), Decimal("113.616119"))
    assert centre("410102003") == untouched
    entry = AuditEntry.objects.get(action="jurisdiction.centres_set")
    assert entry.detail == {"source": SOURCE, "townships": 1}


def test_the_public_pages_are_redrawn_after_a_load():
    before = generation()

    township_centres_set(
        rows=[{"code": "410102001", "longitude": "113.616119", "latitude": "34.744898"}],
        source=SOURCE,
    )

    assert generation() != before


@pytest.mark.parametrize(
    "row",
    [
        {"code": "410102", "longitude": "113.6", "latitude": "34.7"},  # a county, not a township
        {"code": "999999001", "longitude": "113.6", "latitude": "34.7"},
        {"code": "410102001", "longitude": "34.744898", "latitude": "113.616119"},  # swapped
        {"code": "410102001", "longitude": "116.0", "latitude": "32.0"},  # 300 km away
        {"code": "410102001", "longitude": "1e3", "latitude": "34.7"},
        {"code": "410102001", "longitude": "NaN", "latitude": "34.7"},
        {"code": "410102001", "longitude": "", "latitude": "34.7"},
        {"code": "410102001", "longitude": "113.6\x00", "latitude": "34.7"},
    ],
)
def test_one_wrong_row_changes_nothing_and_is_reported_with_its_line(row):
    good = {"code": "410102003", "longitude": "113.615753", "latitude": "34.75998"}
    before = centre("410102003")

    with pytest.raises(ValidationError) as raised:
        township_centres_set(rows=[good, row], source=SOURCE)

    assert raised.value.messages[0].startswith(("第 3 行：", "Line 3: "))
    assert centre("410102003") == before
    assert not AuditEntry.objects.filter(action="jurisdiction.centres_set").exists()


def test_a_township_given_twice_is_refused():
    row = {"code": "410102001", "longitude": "113.616119", "latitude": "34.744898"}

    with pytest.raises(ValidationError) as raised:
        township_centres_set(rows=[row, row], source=SOURCE)

    assert "410102001" in raised.value.messages[0]


def test_a_load_without_its_source_or_rows_is_refused():
    row = {"code": "410102001", "longitude": "113.616119", "latitude": "34.744898"}
    with pytest.raises(ValidationError):
        township_centres_set(rows=[row], source="  ")
    with pytest.raises(ValidationError):
        township_centres_set(rows=[], source=SOURCE)


def test_the_command_loads_a_csv_file(tmp_path, capsys):
    path = tmp_path / "centres.csv"
    path.write_text(
        "\ufeffcode,name,longitude,latitude\n410102001,林山寨街道,113.616119,34.744898\n"
    )

    call_command("township_centres", str(path), source=SOURCE)

    assert centre("410102001") == (Decimal("34.744898"), Decimal("113.616119"))
    assert "1" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content",
    [
        b"code;longitude;latitude\n410102001;113.6;34.7\n",
        b"code,longitude,latitude\n410102001,113.6\x00,34.7\n",
        "code,longitude,latitude\n410102001,113.6,34.7\n".encode("gbk") + "镇".encode("gbk"),
    ],
)
def test_the_command_refuses_a_file_it_cannot_read_and_changes_nothing(tmp_path, content):
    path = tmp_path / "centres.csv"
    path.write_bytes(content)
    before = centre("410102001")

    with pytest.raises(CommandError):
        call_command("township_centres", str(path), source=SOURCE)

    assert centre("410102001") == before


def test_the_command_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="missing.csv"):
        call_command("township_centres", str(tmp_path / "missing.csv"), source=SOURCE)


def test_demo_offers_sit_at_a_township_centre_once_one_is_loaded():
    township = Jurisdiction.objects.get(code="410102001")
    assert demo_point(township, "counseling") != centre("410102001")

    township_centres_set(
        rows=[{"code": "410102001", "longitude": "113.616119", "latitude": "34.744898"}],
        source=SOURCE,
    )
    township.refresh_from_db()

    assert demo_point(township, "counseling") == (Decimal("34.744898"), Decimal("113.616119"))
