import pytest

from mpp.catalog import search, selectors
from tests import factories
from tests.conftest import publish


def test_tokens_stem_fold_and_map_everyday_words():
    assert search.tokens("KTP Hilang") == ["ktp", "hilang"]
    assert search.tokens("kehilangan e-KTP") == ["hilang", "ktp"]
    assert search.tokens("akte kelahiran") == ["akta", "lahir"]
    assert search.tokens("cara bikin SIM di Kapuas") == ["buat", "sim", "kapuas"]
    assert search.tokens("") == []
    assert search.tokens("!!! ??") == []


def test_index_text_is_delimited_for_whole_and_prefix_matching():
    assert search.index_text("Akta Kelahiran", "akta lahir") == " akta lahir kelahiran "


@pytest.fixture
def catalogue(world):
    akta = factories.ServiceFactory(
        agency=world.agency_a, name="Penerbitan Akta Kelahiran", keywords="akte lahir"
    )
    publish(akta)
    kk = factories.ServiceFactory(agency=world.agency_a, name="Penerbitan Kartu Keluarga", keywords="kk baru")
    publish(kk)
    draft_only = factories.ServiceFactory(agency=world.agency_a, name="Akta Kematian", keywords="akta mati")
    inactive = factories.ServiceFactory(
        agency=world.agency_a, name="Akta Lama", keywords="akta", is_active=False
    )
    publish(inactive)
    return {"akta": akta, "kk": kk, "draft_only": draft_only, "inactive": inactive}


def names(result):
    return [service.name for service in result.services]


def test_ktp_hilang_finds_the_police_report_and_the_reprint(world, catalogue):
    result = selectors.search_services(site=world.site, query="ktp hilang")
    assert result.exact
    assert set(names(result)) == {world.service_a.name, world.service_b.name}


def test_akta_lahir_finds_the_birth_certificate_first(world, catalogue):
    result = selectors.search_services(site=world.site, query="akte lahir")
    assert names(result)[0] == "Penerbitan Akta Kelahiran"
    result = selectors.search_services(site=world.site, query="bagaimana cara mengurus akta kelahiran")
    assert names(result) == ["Penerbitan Akta Kelahiran"]


def test_prefix_of_a_word_matches_while_typing(world, catalogue):
    assert names(selectors.search_services(site=world.site, query="kelu")) == ["Penerbitan Kartu Keluarga"]


def test_drafts_and_inactive_services_are_not_found(world, catalogue):
    found = names(selectors.search_services(site=world.site, query="akta"))
    assert "Akta Kematian" not in found
    assert "Akta Lama" not in found


def test_services_of_an_agency_not_at_the_site_are_not_found(world, catalogue):
    assert selectors.search_services(site=world.other_site, query="akta").services == []


def test_partial_match_when_no_service_has_every_word(world, catalogue):
    result = selectors.search_services(site=world.site, query="akta paspor")
    assert not result.exact
    assert "Penerbitan Akta Kelahiran" in names(result)


def test_nothing_found_and_empty_query(world, catalogue):
    assert selectors.search_services(site=world.site, query="zzzqqq").services == []
    assert selectors.search_services(site=world.site, query="   ").services == []


def test_name_matches_rank_above_keyword_matches(world):
    keyword_only = factories.ServiceFactory(agency=world.agency_a, name="Legalisasi Dokumen", keywords="akta")
    publish(keyword_only)
    in_name = factories.ServiceFactory(agency=world.agency_a, name="Akta Perceraian")
    publish(in_name)
    assert names(selectors.search_services(site=world.site, query="akta"))[:2] == [
        "Akta Perceraian",
        "Legalisasi Dokumen",
    ]


def test_requirements_are_searchable(world):
    sktlk = factories.DocumentTypeFactory(name="Surat Keterangan Tanda Lapor Kehilangan", short_name="SKTLK")
    service = factories.ServiceFactory(agency=world.agency_a, name="Cetak Ulang Dokumen")
    from mpp.catalog import services

    draft = services.start_draft(service=service)
    services.update_draft(standard=draft, procedure="1. Datang.", requirements=[services.DocumentLine(sktlk)])
    services.publish_standard(standard=draft, sk_number="SK", sk_date=__import__("datetime").date(2026, 1, 1))
    assert names(selectors.search_services(site=world.site, query="sktlk")) == ["Cetak Ulang Dokumen"]


def test_search_query_count_is_bounded(world, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        selectors.search_services(site=world.site, query="akta")
