"""The nine unsur of PermenPAN-RB 14/2017, with the questions and answers of its sample
questionnaire (Lampiran), keyed by name. Installed by migration 0002 and by
``install`` (tests that flush the database call it again)."""

NINE = [
    (
        "persyaratan",
        "Persyaratan",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
        "How well do the requirements fit the service?",
        "Not suitable|Somewhat unsuitable|Suitable|Very suitable",
    ),
    (
        "prosedur",
        "Sistem, Mekanisme, dan Prosedur",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
        "How easy is the procedure of this service?",
        "Not easy|Somewhat difficult|Easy|Very easy",
    ),
    (
        "waktu",
        "Waktu Penyelesaian",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
        "How fast was the service?",
        "Not fast|Somewhat slow|Fast|Very fast",
    ),
    (
        "biaya",
        "Biaya/Tarif",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
        "How fair is the fee of the service?",
        "Very expensive|Rather expensive|Cheap|Free",
    ),
    (
        "produk",
        "Produk Spesifikasi Jenis Pelayanan",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
        "pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
        "Does what you received match what the service standard promises?",
        "Does not match|Somewhat matches|Matches|Fully matches",
    ),
    (
        "kompetensi",
        "Kompetensi Pelaksana",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
        "How competent were the officers?",
        "Not competent|Somewhat competent|Competent|Very competent",
    ),
    (
        "perilaku",
        "Perilaku Pelaksana",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
        "How polite and friendly were the officers?",
        "Not polite or friendly|Somewhat polite and friendly|Polite and friendly|Very polite and friendly",
    ),
    (
        "sarana",
        "Sarana dan Prasarana",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
        "How good are the facilities?",
        "Poor|Fair|Good|Very good",
    ),
    (
        "pengaduan",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
        "How are complaints of service users handled?",
        "There is none|There is one but it does not work|It works, not fully|It is well managed",
    ),
]


def install(unsur_model) -> None:
    """Create or refresh the nine (``unsur_model`` may be the migration's historical model)."""
    for position, (key, name, question, answers, question_en, answers_en) in enumerate(NINE, start=1):
        unsur_model.objects.update_or_create(
            key=key,
            agency=None,
            defaults={
                "name": name,
                "position": position,
                "question": question,
                "answer_1": answers[0],
                "answer_2": answers[1],
                "answer_3": answers[2],
                "answer_4": answers[3],
                "question_en": question_en,
                "answers_en": answers_en,
            },
        )
