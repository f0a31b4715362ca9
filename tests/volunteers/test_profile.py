import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.accounts.models import Role
from portal.identity import decrypt_identity_number
from tests.factories.portal import PASSWORD, UserFactory, jurisdiction
from tests.factories.volunteers import PDF_BYTES, PNG_BYTES, identity_number
from volunteers.models import ScreeningDocument, ScreeningStatus, VolunteerProfile
from volunteers.services import screening_document_upload, volunteer_profile_save
from volunteers.validators import MAX_DOCUMENT_SIZE

VALID_ID = identity_number(123)
WRONG_CHECKSUM_ID = VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1")


def profile_values(agency, **overrides):
    values = {
        "real_name": "李娜",
        "phone": "13912345678",
        "identity_number": VALID_ID,
        "agency": agency,
        "jurisdictions": [jurisdiction("410102"), jurisdiction("410103")],
        "skills": ["lawyer"],
        "qualifications": "律师执业证 14101201010000001",
        "interests": ["legal_aid", "mentoring"],
        "languages": ["zh"],
        "availability": ["sat-am", "wed-eve"],
        "motivation": "",
    }
    return values | overrides


def form_data(agency, **overrides):
    data = profile_values(agency, **overrides)
    data["agency"] = agency.pk
    data["jurisdictions"] = [j.pk for j in data["jurisdictions"]]
    return data


@pytest.fixture
def signed_up(db):
    """A user who just signed up as a volunteer, without a profile yet."""
    return UserFactory(role=Role.VOLUNTEER)


def test_profile_stores_identity_number_encrypted_and_masked(signed_up, agency):
    profile = volunteer_profile_save(user=signed_up, **profile_values(agency))
    assert profile.status == ScreeningStatus.APPLIED
    assert VALID_ID not in profile.identity_number_encrypted
    assert decrypt_identity_number(profile.identity_number_encrypted) == VALID_ID
    assert profile.identity_number_masked == f"{VALID_ID[:6]}********{VALID_ID[-4:]}"


def test_wrong_identity_checksum_is_refused_and_nothing_saved(signed_up, agency):
    with pytest.raises(ValidationError) as error:
        volunteer_profile_save(
            user=signed_up, **profile_values(agency, identity_number=WRONG_CHECKSUM_ID)
        )
    assert "identity_number" in error.value.message_dict
    assert not VolunteerProfile.objects.exists()


def test_identity_number_registered_twice_is_kept_and_marked_for_the_manager(signed_up, agency):
    first = volunteer_profile_save(user=UserFactory(role=Role.VOLUNTEER), **profile_values(agency))
    second = volunteer_profile_save(user=signed_up, **profile_values(agency))
    assert (first.identity_shared, second.identity_shared) == (False, True)


def test_editing_without_identity_number_keeps_the_old_one(signed_up, agency):
    first = volunteer_profile_save(user=signed_up, **profile_values(agency))
    second = volunteer_profile_save(
        user=signed_up, **profile_values(agency, identity_number="", phone="13700000000")
    )
    assert second.pk == first.pk
    assert second.identity_number_hash == first.identity_number_hash
    assert second.phone == "13700000000"


def test_profile_screen_creates_the_profile_and_never_shows_the_full_number(
    client, signed_up, agency
):
    client.login(email=signed_up.email, password=PASSWORD)
    response = client.post(reverse("volunteers:profile"), form_data(agency))
    assert response.status_code == 302
    page = client.get(reverse("volunteers:profile")).content.decode()
    assert VALID_ID not in page
    assert VolunteerProfile.objects.get(user=signed_up).identity_number_masked in page


def test_profile_screen_names_the_bad_checksum_in_english(english, signed_up, agency):
    english.login(email=signed_up.email, password=PASSWORD)
    response = english.post(
        reverse("volunteers:profile"), form_data(agency, identity_number=WRONG_CHECKSUM_ID)
    )
    assert response.status_code == 200
    assert "check character is wrong" in response.content.decode()
    assert not VolunteerProfile.objects.exists()


def test_profile_screen_refuses_a_bad_phone(english, signed_up, agency):
    english.login(email=signed_up.email, password=PASSWORD)
    response = english.post(reverse("volunteers:profile"), form_data(agency, phone="12345"))
    assert "Enter a mobile number" in response.content.decode()
    assert not VolunteerProfile.objects.exists()


def test_profile_screen_is_for_volunteers_only(client, caseworker):
    client.login(email=caseworker.email, password=PASSWORD)
    assert client.get(reverse("volunteers:profile")).status_code == 403


def test_volunteer_without_profile_is_sent_to_the_profile_form(client, signed_up):
    client.login(email=signed_up.email, password=PASSWORD)
    response = client.get(reverse("volunteers:home"))
    assert response.url == reverse("volunteers:profile")


def test_accepted_pdf_and_png_are_stored_with_their_type(volunteer):
    pdf = screening_document_upload(
        volunteer=volunteer,
        kind="identity",
        actor=volunteer.user,
        upload=SimpleUploadedFile("身份证.pdf", PDF_BYTES, "application/pdf"),
    )
    png = screening_document_upload(
        volunteer=volunteer,
        kind="no_criminal_record",
        actor=volunteer.user,
        upload=SimpleUploadedFile("证明.PNG", PNG_BYTES, "image/png"),
    )
    assert (pdf.content_type, png.content_type) == ("application/pdf", "image/png")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.docx", b"PK\x03\x04", "Upload a PDF, JPG or PNG"),
        ("noextension", PDF_BYTES, "Upload a PDF, JPG or PNG"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "not a valid PDF"),
        ("big.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_SIZE, "the largest accepted is 5"),
    ],
)
def test_unsupported_or_oversized_upload_is_refused_with_a_clear_message(
    english, volunteer, name, content, message
):
    english.login(email=volunteer.user.email, password=PASSWORD)
    upload = SimpleUploadedFile(name, content)
    response = english.post(
        reverse("volunteers:document_upload"), {"kind": "identity", "file": upload}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ScreeningDocument.objects.exists()


def test_service_refuses_a_disguised_file_even_without_the_form(volunteer):
    with pytest.raises(ValidationError) as error:
        screening_document_upload(
            volunteer=volunteer,
            kind="identity",
            actor=volunteer.user,
            upload=SimpleUploadedFile("photo.jpg", PNG_BYTES),
        )
    assert "file" in error.value.message_dict
    assert not ScreeningDocument.objects.exists()


def test_documents_are_readable_by_owner_and_their_manager_only(
    client, volunteer, manager, other_manager
):
    document = screening_document_upload(
        volunteer=volunteer,
        kind="identity",
        actor=volunteer.user,
        upload=SimpleUploadedFile("id.pdf", PDF_BYTES),
    )
    url = reverse("volunteers:document_download", args=[document.pk])
    for user, status in [(volunteer.user, 200), (manager, 200), (other_manager, 404)]:
        client.login(email=user.email, password=PASSWORD)
        assert client.get(url).status_code == status
    other_volunteer = UserFactory(role=Role.VOLUNTEER)
    client.login(email=other_volunteer.email, password=PASSWORD)
    assert client.get(url).status_code == 404
