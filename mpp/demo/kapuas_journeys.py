"""Life-event journeys of the Kapuas demo: the visits a citizen makes across agencies for one
event in life (a lost KTP-el, a birth, a marriage, a new business, a death).

Pure Python literals, read by the demo loader together with ``mpp.demo.kapuas``. The order of
agencies, the requirements and products, and the data passed from one agency to the next follow
shared/reference/domain.md section 8 (8.1 lost KTP-el, 8.2 birth, 8.3 marriage, 8.4 starting a
business). "Kematian" is not in section 8: it is built from the death certificate and JKN
services that kapuas.py already has, and is an assumption of the demo.

Agency slugs, service slugs and document keys are those of ``kapuas.AGENCIES`` and
``kapuas.DOCUMENT_TYPES``; run this file to check them:
``python3 mpp/demo/kapuas_journeys.py``.

Step numbers in ``visible_to``, ``from`` and ``to`` are 1-based positions in ``steps``.
"""

LIFE_EVENTS = [
    {
        "slug": "kehilangan-ktp-el",
        "name": "Kehilangan KTP-el",
        "summary": "KTP-el hilang? Buat surat keterangan kehilangan di loket SPKT Polres, lalu cetak ulang "
        "KTP-el di loket Disdukcapil dengan NIK yang sama, tanpa perekaman ulang. Semuanya gratis.",
        "keywords": "ktp hilang, kehilangan ktp, e-ktp hilang, ktp-el hilang, ktp dicuri, surat kehilangan, "
        "cetak ulang ktp, ganti ktp hilang",
        "steps": [
            {
                "agency": "polres",
                "service": "sktlk",
                "note": "Laporkan kehilangan KTP-el di loket SPKT dengan membawa fotokopi KK atau identitas "
                "lain. Anda menerima SKTLK (gratis, sekitar 10 menit).",
                "handoff": [
                    {
                        "key": "nomor_sktlk",
                        "label": "Nomor SKTLK",
                        "kind": "text",
                        "required": True,
                        "visible_to": [2],
                    },
                    {
                        "key": "tanggal_sktlk",
                        "label": "Tanggal SKTLK",
                        "kind": "date",
                        "required": True,
                        "visible_to": [2],
                    },
                    {
                        "key": "unit_penerbit",
                        "label": "Unit penerbit (mis. SPKT Polres Kapuas)",
                        "kind": "text",
                        "required": True,
                        "visible_to": [2],
                    },
                    {
                        "key": "nik_pemilik",
                        "label": "NIK pemilik KTP-el yang hilang",
                        "kind": "nik",
                        "required": False,
                        "visible_to": [2],
                    },
                ],
            },
            {
                "agency": "disdukcapil",
                "service": "ktp-el-hilang-rusak",
                "note": "Serahkan SKTLK dan KK di loket Disdukcapil. KTP-el dicetak ulang dengan NIK yang "
                "sama, tanpa perekaman ulang dan tanpa surat pengantar RT/RW.",
                "handoff": [],
            },
        ],
        "satisfies": [
            {"from": 1, "product": "sktlk", "to": 2, "requirement": "sktlk"},
        ],
    },
    {
        "slug": "kelahiran",
        "name": "Kelahiran anak",
        "summary": "Catatkan kelahiran bayi paling lambat 60 hari: akta kelahiran, KK yang memuat bayi dan "
        "KIA di Disdukcapil, lalu daftarkan bayi ke BPJS Kesehatan paling lambat 28 hari sejak lahir.",
        "keywords": "bayi lahir, melahirkan, kelahiran, akta lahir, akte kelahiran, bayi baru lahir, "
        "tambah anak di kk, kia bayi, bpjs bayi, daftar bpjs bayi",
        "steps": [
            {
                "agency": "disdukcapil",
                "service": "akta-kelahiran",
                "note": "Bawa surat keterangan lahir dari bidan/rumah sakit (atau desa), buku nikah orang tua "
                "dan KK. Anda menerima kutipan akta kelahiran; simpan juga salinan surat keterangan lahir.",
                "handoff": [
                    {
                        "key": "nomor_akta_kelahiran",
                        "label": "Nomor akta kelahiran",
                        "kind": "text",
                        "required": True,
                        "visible_to": [2, 3, 4],
                    },
                    {
                        "key": "nama_bayi",
                        "label": "Nama bayi",
                        "kind": "text",
                        "required": True,
                        "visible_to": [2, 3, 4],
                    },
                    {
                        "key": "tanggal_lahir_bayi",
                        "label": "Tanggal lahir bayi",
                        "kind": "date",
                        "required": True,
                        "visible_to": [2, 3, 4],
                    },
                ],
            },
            {
                "agency": "disdukcapil",
                "service": "kk-perubahan",
                "note": "Bayi ditambahkan ke KK orang tua dan mendapat NIK. Biasanya dilayani di loket "
                "Disdukcapil yang sama, sekaligus dengan akta kelahiran.",
                "handoff": [
                    {
                        "key": "nik_bayi",
                        "label": "NIK bayi",
                        "kind": "nik",
                        "required": True,
                        "visible_to": [3, 4],
                    },
                    {
                        "key": "nomor_kk",
                        "label": "Nomor KK yang memuat bayi",
                        "kind": "text",
                        "required": True,
                        "visible_to": [3, 4],
                    },
                ],
            },
            {
                "agency": "disdukcapil",
                "service": "kia",
                "note": "KIA untuk anak 0-5 tahun dicetak tanpa foto dan berlaku sampai usia 5 tahun. Bawa "
                "KTP-el kedua orang tua.",
                "handoff": [],
            },
            {
                "agency": "bpjs-kesehatan",
                "service": "pendaftaran-bayi",
                "note": "Bawa kartu JKN ibu dan salinan surat keterangan lahir. Daftar paling lambat 28 hari "
                "sejak lahir; lewat dari itu iuran dihitung sejak bayi lahir.",
                "handoff": [],
            },
        ],
        "satisfies": [
            {"from": 1, "product": "akta_lahir", "to": 2, "requirement": "akta_lahir"},
            {"from": 1, "product": "akta_lahir", "to": 3, "requirement": "akta_lahir"},
            {"from": 2, "product": "kk", "to": 3, "requirement": "kk"},
            {"from": 2, "product": "kk", "to": 4, "requirement": "kk"},
        ],
    },
    {
        "slug": "pernikahan",
        "name": "Pernikahan (pasangan muslim)",
        "summary": "Daftarkan kehendak nikah di KUA paling lambat 10 hari sebelum akad. Setelah akad, bawa "
        "buku nikah ke Disdukcapil untuk KK baru dan KTP-el dengan status Kawin.",
        "keywords": "nikah, menikah, kawin, daftar nikah, kua, buku nikah, kk baru setelah menikah, "
        "pisah kk, status kawin ktp, ganti status ktp",
        "steps": [
            {
                "agency": "kemenag",
                "service": "pendaftaran-nikah",
                "note": "Daftar dengan surat pengantar nikah dari desa/kelurahan. Gratis bila akad di KUA pada "
                "jam kerja. Buku nikah diserahkan setelah akad; lanjutkan ke Disdukcapil sesudahnya.",
                "handoff": [
                    {
                        "key": "nomor_akta_nikah",
                        "label": "Nomor akta nikah (buku nikah)",
                        "kind": "text",
                        "required": True,
                        "visible_to": [2, 3],
                    },
                    {
                        "key": "tanggal_akad",
                        "label": "Tanggal akad nikah",
                        "kind": "date",
                        "required": True,
                        "visible_to": [2, 3],
                    },
                    {
                        "key": "kua_pencatat",
                        "label": "KUA kecamatan pencatat",
                        "kind": "text",
                        "required": True,
                        "visible_to": [2, 3],
                    },
                    {
                        "key": "nik_suami",
                        "label": "NIK suami",
                        "kind": "nik",
                        "required": True,
                        "visible_to": [2, 3],
                    },
                    {
                        "key": "nik_istri",
                        "label": "NIK istri",
                        "kind": "nik",
                        "required": True,
                        "visible_to": [2, 3],
                    },
                ],
            },
            {
                "agency": "disdukcapil",
                "service": "kk-baru",
                "note": "Bawa buku nikah dan KK lama kedua pasangan. Anda menerima KK baru untuk keluarga baru "
                "(pisah dari KK orang tua); surat pengantar RT/RW tidak diperlukan.",
                "handoff": [
                    {
                        "key": "nomor_kk_baru",
                        "label": "Nomor KK baru",
                        "kind": "text",
                        "required": True,
                        "visible_to": [3],
                    },
                ],
            },
            {
                "agency": "disdukcapil",
                "service": "ktp-el-perubahan-data",
                "note": "Serahkan KTP-el lama dan KK baru. KTP-el dicetak dengan status Kawin, tanpa perekaman "
                "ulang.",
                "handoff": [],
            },
        ],
        "satisfies": [
            {"from": 1, "product": "buku_nikah", "to": 2, "requirement": "buku_nikah"},
            {"from": 2, "product": "kk", "to": 3, "requirement": "kk"},
        ],
    },
    {
        "slug": "memulai-usaha",
        "name": "Memulai usaha",
        "summary": "Untuk usaha mikro dan kecil: urus NIB lewat OSS di loket DPMPTSP, daftarkan usaha ke "
        "KPP Pratama (NPWP), lalu lindungi diri sebagai pekerja mandiri di BPJS Ketenagakerjaan.",
        "keywords": "buka usaha, mulai usaha, usaha baru, umkm, izin usaha, nib, oss, daftar usaha, npwp usaha, "
        "bpjs pekerja mandiri",
        "steps": [
            {
                "agency": "dpmptsp",
                "service": "nib",
                "note": "Bawa KTP-el, surel aktif dan nomor telepon. Petugas membantu membuat akun OSS dan memilih "
                "KBLI; NIB terbit hari itu bila risiko usaha rendah.",
                "handoff": [
                    {
                        "key": "nomor_nib",
                        "label": "Nomor NIB",
                        "kind": "text",
                        "required": True,
                        "visible_to": [2, 3],
                    },
                    {
                        "key": "kbli",
                        "label": "Kode KBLI (5 digit)",
                        "kind": "text",
                        "required": True,
                        "visible_to": [2, 3],
                    },
                    {
                        "key": "nama_usaha",
                        "label": "Nama usaha",
                        "kind": "text",
                        "required": True,
                        "visible_to": [2, 3],
                    },
                    {
                        "key": "tingkat_risiko",
                        "label": "Tingkat risiko usaha menurut OSS",
                        "kind": "text",
                        "required": False,
                        "visible_to": [2],
                    },
                ],
            },
            {
                "agency": "kpp-pratama",
                "service": "npwp",
                "note": "Bagi orang pribadi, NIK berfungsi sebagai NPWP; petugas memastikan NIK sudah terdaftar "
                "dan mencatat kegiatan usaha Anda.",
                "handoff": [
                    {
                        "key": "npwp",
                        "label": "NPWP (NIK bagi orang pribadi)",
                        "kind": "text",
                        "required": True,
                        "visible_to": [3],
                    },
                ],
            },
            {
                "agency": "bpjs-ketenagakerjaan",
                "service": "pendaftaran-peserta",
                "note": "Daftar sebagai pekerja mandiri (bukan penerima upah): pilih program JKK, JKM dan bila "
                "mau JHT, bayar iuran pertama, kartu terbit di aplikasi JMO.",
                "handoff": [],
            },
        ],
        "satisfies": [
            {"from": 1, "product": "nib", "to": 2, "requirement": "nib"},
        ],
    },
    {
        "slug": "kematian",
        "name": "Kematian anggota keluarga",
        "summary": "Laporkan kematian paling lambat 30 hari untuk akta kematian dan KK yang diperbarui, lalu "
        "laporkan ke BPJS Kesehatan agar kepesertaan JKN almarhum/almarhumah dihentikan.",
        "keywords": "meninggal, kematian, akta kematian, akte kematian, surat kematian, hapus dari kk, "
        "bpjs orang meninggal, nonaktif bpjs",
        "steps": [
            {
                "agency": "disdukcapil",
                "service": "akta-kematian",
                "note": "Bawa surat keterangan kematian, KK dan KTP-el almarhum/almarhumah serta KTP-el pelapor. "
                "Anda menerima akta kematian dan KK yang diperbarui.",
                "handoff": [
                    {
                        "key": "nomor_akta_kematian",
                        "label": "Nomor akta kematian",
                        "kind": "text",
                        "required": True,
                        "visible_to": [2],
                    },
                    {
                        "key": "tanggal_kematian",
                        "label": "Tanggal kematian",
                        "kind": "date",
                        "required": True,
                        "visible_to": [2],
                    },
                    {
                        "key": "nik_almarhum",
                        "label": "NIK almarhum/almarhumah",
                        "kind": "nik",
                        "required": True,
                        "visible_to": [2],
                    },
                ],
            },
            {
                "agency": "bpjs-kesehatan",
                "service": "perubahan-data",
                "note": "Bawa kartu JKN almarhum/almarhumah dan KTP-el pelapor. Petugas menghentikan "
                "kepesertaan dan memperbarui data keluarga peserta.",
                "handoff": [],
            },
        ],
        "satisfies": [
            {"from": 1, "product": "kk", "to": 2, "requirement": "kk"},
        ],
    },
]


if __name__ == "__main__":
    import re
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from mpp.demo import kapuas

    EVENT_KEYS = {"slug", "name", "summary", "keywords", "steps", "satisfies"}
    STEP_KEYS = {"agency", "service", "note", "handoff"}
    FIELD_KEYS = {"key", "label", "kind", "required", "visible_to"}
    LINK_KEYS = {"from", "product", "to", "requirement"}
    KINDS = {"text", "date", "number", "nik"}

    services = {(a["slug"], s["slug"]): (a, s) for a in kapuas.AGENCIES for s in a["services"]}
    errors = []
    counts = {"events": 0, "steps": 0, "handoff fields": 0, "documents passed on": 0}

    def check_text(where, value, limit, *, blank=False):
        if not isinstance(value, str) or (not blank and not value.strip()):
            errors.append(f"{where}: must be a non-empty string")
        elif len(value) > limit:
            errors.append(f"{where}: {len(value)} chars > {limit}")

    slugs, names = set(), set()
    for event in LIFE_EVENTS:
        slug = event.get("slug", "?")
        counts["events"] += 1
        if set(event) != EVENT_KEYS:
            errors.append(f"{slug}: keys {sorted(event)} != {sorted(EVENT_KEYS)}")
            continue
        if not re.fullmatch(r"[-a-z0-9]+", slug) or len(slug) > 60:
            errors.append(f"{slug}: bad slug")
        if slug in slugs:
            errors.append(f"{slug}: duplicate slug")
        slugs.add(slug)
        if event["name"] in names:
            errors.append(f"{slug}: duplicate name")
        names.add(event["name"])
        check_text(f"{slug}.name", event["name"], 120)
        check_text(f"{slug}.summary", event["summary"], 300)
        check_text(f"{slug}.keywords", event["keywords"], 300)

        steps = event["steps"]
        if len(steps) < 2:
            errors.append(f"{slug}: a journey needs at least two steps")
        standards = {}  # step number -> (requirement keys, product keys)
        seen_services = set()
        common_sites = None
        for number, step in enumerate(steps, start=1):
            where = f"{slug} step {number}"
            counts["steps"] += 1
            if set(step) != STEP_KEYS:
                errors.append(f"{where}: keys {sorted(step)} != {sorted(STEP_KEYS)}")
                continue
            found = services.get((step["agency"], step["service"]))
            if found is None:
                errors.append(f"{where}: no service {step['agency']}/{step['service']} in kapuas.py")
                continue
            agency, service = found
            if (step["agency"], step["service"]) in seen_services:
                errors.append(f"{where}: service appears twice in the journey")
            seen_services.add((step["agency"], step["service"]))
            sites = set(service.get("sites") or agency["sites"])
            common_sites = sites if common_sites is None else common_sites & sites
            standard = service["standard"]
            standards[number] = (
                {r[0] for r in standard["requirements"]},
                {p[0] for p in standard["products"]},
            )
            check_text(f"{where}.note", step["note"], 300)
            keys = set()
            for field in step["handoff"]:
                fwhere = f"{where} field {field.get('key', '?')}"
                counts["handoff fields"] += 1
                if set(field) != FIELD_KEYS:
                    errors.append(f"{fwhere}: keys {sorted(field)} != {sorted(FIELD_KEYS)}")
                    continue
                key = field["key"]
                if not isinstance(key, str) or not re.fullmatch(r"[a-z0-9_]+", key) or len(key) > 40:
                    errors.append(f"{fwhere}: bad key")
                if key in keys:
                    errors.append(f"{fwhere}: duplicate key in the step")
                keys.add(key)
                check_text(f"{fwhere}.label", field["label"], 80)
                if field["kind"] not in KINDS:
                    errors.append(f"{fwhere}: kind {field['kind']!r} not in {sorted(KINDS)}")
                if not isinstance(field["required"], bool):
                    errors.append(f"{fwhere}: required must be True or False")
                visible = field["visible_to"]
                if not visible or len(set(visible)) != len(visible):
                    errors.append(f"{fwhere}: visible_to must be a non-empty list without repeats")
                for later in visible:
                    if not isinstance(later, int) or not number < later <= len(steps):
                        errors.append(f"{fwhere}: visible_to {later!r} is not a later step")
        if not common_sites:
            errors.append(f"{slug}: no site serves every step")

        links = set()
        for link in event["satisfies"]:
            lwhere = f"{slug} satisfies {link}"
            counts["documents passed on"] += 1
            if set(link) != LINK_KEYS:
                errors.append(f"{lwhere}: keys {sorted(link)} != {sorted(LINK_KEYS)}")
                continue
            src, dst = link["from"], link["to"]
            if src not in standards or dst not in standards:
                errors.append(f"{lwhere}: step out of range or invalid")
                continue
            if not src < dst:
                errors.append(f"{lwhere}: from must be an earlier step than to")
            for doc in (link["product"], link["requirement"]):
                if doc not in kapuas.DOCUMENT_TYPES:
                    errors.append(f"{lwhere}: {doc!r} not in DOCUMENT_TYPES")
            if link["product"] not in standards[src][1]:
                errors.append(f"{lwhere}: {link['product']!r} is not a product of step {src}")
            if link["requirement"] not in standards[dst][0]:
                errors.append(f"{lwhere}: {link['requirement']!r} is not a requirement of step {dst}")
            if (dst, link["requirement"]) in links:
                errors.append(f"{lwhere}: requirement of step {dst} already satisfied")
            links.add((dst, link["requirement"]))

    print(", ".join(f"{n} {what}" for what, n in counts.items()))
    if errors:
        print(f"{len(errors)} error(s):", *errors, sep="\n  ")
        sys.exit(1)
    print("OK")
