"""Demo data for the Mal Pelayanan Publik (MPP) of Kabupaten Kapuas, Kalimantan Tengah.

Pure Python literals, turned into rows by ``mpp.demo.loader``. Requirements, fees,
completion times and legal bases follow shared/reference/domain.md (sections 2, 6.3,
8 and 9); where that file is silent, the values are what is typical for the service
in Indonesia and are marked as assumptions. SK numbers and dates of the Standar
Pelayanan are illustrative, not real decrees. Office names of some tenants
(which KPP, Kanim, BPJS branch serves Kapuas) are assumptions too.
"""

# Fee notes reused across services.
PNBP_NOTE = "Sesuai ketentuan PNBP yang berlaku"
ADMINDUK_FREE = "UU 24/2013 Pasal 79A: pengurusan dan penerbitan dokumen kependudukan tidak dipungut biaya"
ADMINDUK_LAW = (
    "UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan\nPerpres 96/2018\nPermendagri 108/2019"
)

SITES = [
    {
        "slug": "kapuas",
        "name": "Mal Pelayanan Publik Kabupaten Kapuas",
        "kind": "mall",
        "operator": "DPMPTSP Kabupaten Kapuas",
        "region_code": "62.03",
        "address": "Kuala Kapuas, Kabupaten Kapuas, Kalimantan Tengah",
        "phone": "",
        "email": "",
        "timezone": "Asia/Pontianak",
        "working_weekdays": "01234",
        "hours": [
            (0, "08:00", "15:00"),
            (1, "08:00", "15:00"),
            (2, "08:00", "15:00"),
            (3, "08:00", "15:00"),
            (4, "08:00", "14:00"),
        ],
    },
    {
        "slug": "kapuas-keliling",
        "name": "MPP Keliling Kabupaten Kapuas",
        "kind": "mobile",
        "operator": "DPMPTSP Kabupaten Kapuas",
        "region_code": "62.03",
        "address": "Berpindah sesuai jadwal ke kecamatan di Kabupaten Kapuas",
        "phone": "",
        "email": "",
        "timezone": "Asia/Pontianak",
        "working_weekdays": "13",
        "hours": [(1, "09:00", "13:00"), (3, "09:00", "13:00")],
    },
]

DOCUMENT_TYPES = {
    # --- Kependudukan (Disdukcapil) ---
    "ktp": {
        "name": "KTP-el",
        "short_name": "KTP",
        "issuer": "disdukcapil",
        "description": "Kartu Tanda Penduduk elektronik, berlaku seumur hidup.",
    },
    "kk": {
        "name": "Kartu Keluarga",
        "short_name": "KK",
        "issuer": "disdukcapil",
        "description": "Kartu identitas keluarga yang memuat susunan dan hubungan anggota keluarga.",
    },
    "kia": {
        "name": "Kartu Identitas Anak",
        "short_name": "KIA",
        "issuer": "disdukcapil",
        "description": "Identitas resmi anak di bawah 17 tahun (Permendagri 2/2016).",
    },
    "akta_lahir": {
        "name": "Kutipan Akta Kelahiran",
        "short_name": "Akta Lahir",
        "issuer": "disdukcapil",
        "description": "Bukti pencatatan kelahiran.",
    },
    "akta_kematian": {
        "name": "Kutipan Akta Kematian",
        "short_name": "Akta Kematian",
        "issuer": "disdukcapil",
        "description": "Bukti pencatatan kematian.",
    },
    "akta_perkawinan": {
        "name": "Kutipan Akta Perkawinan",
        "short_name": "Akta Perkawinan",
        "issuer": "disdukcapil",
        "description": "Bukti pencatatan perkawinan bagi penduduk non-muslim.",
    },
    "akta_perceraian": {
        "name": "Kutipan Akta Perceraian",
        "short_name": "Akta Perceraian",
        "issuer": "disdukcapil",
        "description": "Bukti pencatatan perceraian bagi penduduk non-muslim.",
    },
    "skpwni": {
        "name": "Surat Keterangan Pindah WNI",
        "short_name": "SKPWNI",
        "issuer": "disdukcapil",
        "description": "Surat keterangan pindah yang diterbitkan Disdukcapil daerah asal.",
    },
    "ikd": {
        "name": "Identitas Kependudukan Digital",
        "short_name": "IKD",
        "issuer": "disdukcapil",
        "description": "KTP digital pada aplikasi IKD di telepon genggam (Permendagri 72/2022).",
    },
    "f102": {
        "name": "Formulir Pendaftaran Peristiwa Kependudukan (F-1.02)",
        "short_name": "F-1.02",
        "issuer": None,
        "description": "Formulir isian untuk KTP-el, KK dan perubahan data; tersedia di loket.",
    },
    "f103": {
        "name": "Formulir Pendaftaran Perpindahan Penduduk (F-1.03)",
        "short_name": "F-1.03",
        "issuer": None,
        "description": "Formulir isian untuk pindah dan datang; tersedia di loket.",
    },
    "f201": {
        "name": "Formulir Pelaporan Pencatatan Sipil (F-2.01)",
        "short_name": "F-2.01",
        "issuer": None,
        "description": "Formulir isian untuk akta kelahiran, kematian, perkawinan dan perceraian.",
    },
    "sptjm": {
        "name": "Surat Pernyataan Tanggung Jawab Mutlak",
        "short_name": "SPTJM",
        "issuer": None,
        "description": "Pernyataan pengganti dokumen yang tidak dimiliki (F-2.03/F-2.04), dengan 2 saksi.",
    },
    "sk_lahir": {
        "name": "Surat Keterangan Kelahiran",
        "short_name": "SK Lahir",
        "issuer": None,
        "description": "Dari rumah sakit, puskesmas, bidan atau dokter; untuk kelahiran di rumah dari kepala desa/lurah.",
    },
    "sk_kematian": {
        "name": "Surat Keterangan Kematian",
        "short_name": "SK Kematian",
        "issuer": None,
        "description": "Dari rumah sakit, dokter, atau kepala desa/lurah.",
    },
    "pengantar_desa": {
        "name": "Surat Pengantar Desa/Kelurahan",
        "short_name": "Pengantar Desa",
        "issuer": None,
        "description": "Surat pengantar atau keterangan dari kepala desa/lurah tempat tinggal.",
    },
    "putusan_pengadilan": {
        "name": "Salinan Putusan Pengadilan yang Berkekuatan Hukum Tetap",
        "short_name": "Putusan Pengadilan",
        "issuer": None,
        "description": "Salinan putusan pengadilan yang telah berkekuatan hukum tetap.",
    },
    "pas_foto": {
        "name": "Pas Foto",
        "short_name": "Foto",
        "issuer": None,
        "description": "Pas foto berwarna terbaru; ukuran dan warna latar sesuai ketentuan layanan.",
    },
    "surat_kuasa": {
        "name": "Surat Kuasa",
        "short_name": "Surat Kuasa",
        "issuer": None,
        "description": "Surat kuasa bermeterai bila permohonan diwakilkan.",
    },
    "ijazah": {
        "name": "Ijazah Terakhir",
        "short_name": "Ijazah",
        "issuer": None,
        "description": "Ijazah pendidikan terakhir.",
    },
    "form": {
        "name": "Formulir Permohonan",
        "short_name": "Formulir",
        "issuer": None,
        "description": "Formulir permohonan layanan; tersedia di loket atau dapat diunduh.",
    },
    "tanda_terima": {
        "name": "Tanda Terima Permohonan",
        "short_name": "Tanda Terima",
        "issuer": None,
        "description": "Bukti bahwa permohonan, laporan atau pengaduan telah diterima petugas.",
    },
    # --- Kepolisian ---
    "sktlk": {
        "name": "Surat Keterangan Tanda Lapor Kehilangan",
        "short_name": "SKTLK",
        "issuer": "polres",
        "description": "Surat keterangan lapor kehilangan dari SPKT; bukan pengganti dokumen yang hilang. "
        "Umumnya berlaku 14 hari.",
    },
    "skck": {
        "name": "Surat Keterangan Catatan Kepolisian",
        "short_name": "SKCK",
        "issuer": "polres",
        "description": "Keterangan catatan kepolisian seseorang, untuk melamar kerja dan keperluan lain.",
    },
    "sim": {
        "name": "Surat Izin Mengemudi",
        "short_name": "SIM",
        "issuer": "polres",
        "description": "Surat izin mengemudi yang diterbitkan Satlantas Polri.",
    },
    "stpl": {
        "name": "Surat Tanda Penerimaan Laporan",
        "short_name": "STPL",
        "issuer": "polres",
        "description": "Bukti bahwa laporan atau pengaduan masyarakat telah diterima SPKT.",
    },
    "surat_tilang": {
        "name": "Surat Tilang",
        "short_name": "Tilang",
        "issuer": "polres",
        "description": "Blanko atau surat tilang (termasuk e-tilang) pelanggaran lalu lintas.",
    },
    "bukti_denda": {
        "name": "Bukti Pembayaran Denda Tilang",
        "short_name": "Bukti Denda",
        "issuer": None,
        "description": "Bukti setor denda tilang ke kas negara melalui bank atau kanal pembayaran.",
    },
    "kartu_jkn": {
        "name": "Kartu JKN-KIS",
        "short_name": "JKN",
        "issuer": "bpjs-kesehatan",
        "description": "Kartu peserta Jaminan Kesehatan Nasional, fisik atau digital (Mobile JKN).",
    },
    # --- Kendaraan (Samsat) ---
    "stnk": {
        "name": "Surat Tanda Nomor Kendaraan",
        "short_name": "STNK",
        "issuer": "samsat",
        "description": "Tanda registrasi kendaraan bermotor; disahkan setiap tahun dan diganti setiap 5 tahun.",
    },
    "bpkb": {
        "name": "Buku Pemilik Kendaraan Bermotor",
        "short_name": "BPKB",
        "issuer": None,
        "description": "Bukti kepemilikan kendaraan bermotor, diterbitkan Satlantas Polri.",
    },
    "tnkb": {
        "name": "Tanda Nomor Kendaraan Bermotor",
        "short_name": "Plat Nomor",
        "issuer": "samsat",
        "description": "Pelat nomor kendaraan.",
    },
    "skpd_pkb": {
        "name": "Bukti Pelunasan PKB dan SWDKLLJ",
        "short_name": "Notice Pajak",
        "issuer": "samsat",
        "description": "Bukti pembayaran Pajak Kendaraan Bermotor dan Sumbangan Wajib Dana Kecelakaan Lalu Lintas Jalan.",
    },
    "cek_fisik": {
        "name": "Hasil Cek Fisik Kendaraan Bermotor",
        "short_name": "Cek Fisik",
        "issuer": "samsat",
        "description": "Hasil pemeriksaan nomor rangka dan nomor mesin kendaraan.",
    },
    "bukti_jual_beli": {
        "name": "Kuitansi Jual Beli Kendaraan",
        "short_name": "Kuitansi",
        "issuer": None,
        "description": "Bukti pengalihan hak kendaraan, bermeterai.",
    },
    "blue": {
        "name": "Bukti Lulus Uji Elektronik",
        "short_name": "BLUe",
        "issuer": "dishub",
        "description": "Kartu bukti lulus uji berkala kendaraan (pengganti buku uji KIR).",
    },
    "sk_sehat": {
        "name": "Surat Keterangan Sehat Jasmani",
        "short_name": "Surat Sehat",
        "issuer": None,
        "description": "Dari dokter, klinik atau puskesmas.",
    },
    "sk_psikologi": {
        "name": "Surat Keterangan Lulus Tes Psikologi",
        "short_name": "Tes Psikologi",
        "issuer": None,
        "description": "Hasil tes psikologi pengemudi dari lembaga yang ditunjuk.",
    },
    "bukti_pendukung": {
        "name": "Bukti Pendukung",
        "short_name": "Bukti",
        "issuer": None,
        "description": "Dokumen, foto, tangkapan layar atau barang yang mendukung laporan atau pengaduan.",
    },
    # --- Agama dan peradilan ---
    "buku_nikah": {
        "name": "Buku Nikah",
        "short_name": "Buku Nikah",
        "issuer": "kemenag",
        "description": "Kutipan akta nikah bagi pasangan muslim, diterbitkan KUA.",
    },
    "surat_perkawinan_agama": {
        "name": "Surat Keterangan Perkawinan dari Pemuka Agama",
        "short_name": "Surat Pemberkatan",
        "issuer": None,
        "description": "Surat keterangan telah dilaksanakannya perkawinan dari pemuka agama atau penghayat "
        "kepercayaan.",
    },
    "pengantar_nikah": {
        "name": "Surat Pengantar Nikah dari Desa/Kelurahan (N1-N4)",
        "short_name": "N1-N4",
        "issuer": None,
        "description": "Surat pengantar nikah, asal-usul, persetujuan mempelai dan izin orang tua.",
    },
    "akta_cerai": {
        "name": "Akta Cerai",
        "short_name": "Akta Cerai",
        "issuer": "pa-kuala-kapuas",
        "description": "Akta cerai dari Pengadilan Agama bagi pasangan muslim.",
    },
    "dispensasi_nikah": {
        "name": "Surat Dispensasi Nikah",
        "short_name": "Dispensasi",
        "issuer": None,
        "description": "Dispensasi camat (pendaftaran kurang dari 10 hari) atau Pengadilan Agama (di bawah 19 "
        "tahun).",
    },
    "bukti_setoran_haji": {
        "name": "Bukti Setoran Awal BPIH",
        "short_name": "Setoran Haji",
        "issuer": None,
        "description": "Bukti setoran awal biaya haji dari bank penerima setoran.",
    },
    # --- Pajak, jaminan sosial, usaha ---
    "npwp": {
        "name": "Nomor Pokok Wajib Pajak",
        "short_name": "NPWP",
        "issuer": "kpp-pratama",
        "description": "Bagi orang pribadi penduduk, NIK berfungsi sebagai NPWP (PMK 112/PMK.03/2022).",
    },
    "bukti_potong": {
        "name": "Bukti Potong PPh Pasal 21",
        "short_name": "Bukti Potong",
        "issuer": None,
        "description": "Bukti pemotongan PPh Pasal 21 dari pemberi kerja (formulir 1721-A1/A2).",
    },
    "bpe": {
        "name": "Bukti Penerimaan Elektronik SPT",
        "short_name": "BPE",
        "issuer": "kpp-pratama",
        "description": "Bukti bahwa SPT Tahunan telah diterima Direktorat Jenderal Pajak.",
    },
    "kartu_bpjstk": {
        "name": "Kartu Peserta BPJS Ketenagakerjaan",
        "short_name": "Kartu BPJSTK",
        "issuer": "bpjs-ketenagakerjaan",
        "description": "Kartu peserta program jaminan sosial ketenagakerjaan, fisik atau digital (JMO).",
    },
    "paklaring": {
        "name": "Surat Keterangan Berhenti Bekerja",
        "short_name": "Paklaring",
        "issuer": None,
        "description": "Surat keterangan berhenti bekerja dari perusahaan.",
    },
    "buku_tabungan": {
        "name": "Buku Tabungan",
        "short_name": "Buku Tabungan",
        "issuer": None,
        "description": "Buku tabungan atau rekening bank atas nama pemohon.",
    },
    "nib": {
        "name": "Nomor Induk Berusaha",
        "short_name": "NIB",
        "issuer": "dpmptsp",
        "description": "Identitas pelaku usaha yang diterbitkan melalui sistem OSS-RBA.",
    },
    "pbg": {
        "name": "Persetujuan Bangunan Gedung",
        "short_name": "PBG",
        "issuer": "dpmptsp",
        "description": "Persetujuan untuk membangun baru, mengubah atau merawat bangunan gedung (PP 16/2021).",
    },
    "rencana_teknis": {
        "name": "Dokumen Rencana Teknis Bangunan",
        "short_name": "Gambar Teknis",
        "issuer": None,
        "description": "Gambar arsitektur, struktur dan utilitas bangunan serta spesifikasi teknis.",
    },
    "krk": {
        "name": "Keterangan Rencana Kabupaten",
        "short_name": "KRK",
        "issuer": "pupr",
        "description": "Informasi ketentuan tata ruang dan tata bangunan pada suatu lokasi.",
    },
    # --- Pajak daerah, pertanahan ---
    "sppt_pbb": {
        "name": "Surat Pemberitahuan Pajak Terutang PBB-P2",
        "short_name": "SPPT PBB",
        "issuer": "bapenda",
        "description": "Pemberitahuan besarnya PBB-P2 terutang setiap tahun.",
    },
    "bukti_bayar_pbb": {
        "name": "Bukti Pembayaran PBB-P2",
        "short_name": "STTS PBB",
        "issuer": "bapenda",
        "description": "Bukti pelunasan PBB-P2.",
    },
    "sspd_bphtb": {
        "name": "Surat Setoran Pajak Daerah BPHTB",
        "short_name": "SSPD BPHTB",
        "issuer": "bapenda",
        "description": "Surat setoran BPHTB yang telah divalidasi.",
    },
    "akta_ppat": {
        "name": "Akta atau Draf Akta Peralihan Hak dari PPAT",
        "short_name": "Akta PPAT",
        "issuer": None,
        "description": "Akta jual beli, hibah atau peralihan hak lain dari PPAT/notaris.",
    },
    "sertipikat": {
        "name": "Sertipikat Hak atas Tanah",
        "short_name": "Sertipikat",
        "issuer": "atr-bpn",
        "description": "Sertipikat hak milik, HGB atau hak lain atas tanah, analog atau elektronik.",
    },
    "skpt": {
        "name": "Surat Keterangan Pendaftaran Tanah",
        "short_name": "SKPT",
        "issuer": "atr-bpn",
        "description": "Keterangan data fisik dan yuridis bidang tanah yang tercatat di Kantor Pertanahan.",
    },
    # --- Ketenagakerjaan, kesehatan, sosial ---
    "kartu_ak1": {
        "name": "Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK-1)",
        "short_name": "Kartu Kuning",
        "issuer": "disnaker",
        "description": "Kartu pencari kerja (kartu kuning), berlaku 2 tahun dengan lapor ulang berkala.",
    },
    "str": {
        "name": "Surat Tanda Registrasi Tenaga Kesehatan",
        "short_name": "STR",
        "issuer": None,
        "description": "STR tenaga medis/kesehatan; berlaku seumur hidup sejak UU 17/2023.",
    },
    "sip": {
        "name": "Surat Izin Praktik",
        "short_name": "SIP",
        "issuer": "dinkes",
        "description": "Izin praktik tenaga medis/kesehatan di satu tempat praktik.",
    },
    "sk_tempat_praktik": {
        "name": "Surat Keterangan dari Fasilitas Pelayanan Kesehatan Tempat Praktik",
        "short_name": "Surat Faskes",
        "issuer": None,
        "description": "Surat keterangan dari pimpinan faskes tempat tenaga kesehatan akan berpraktik.",
    },
    "sktm": {
        "name": "Surat Keterangan Tidak Mampu",
        "short_name": "SKTM",
        "issuer": "dinsos",
        "description": "Keterangan keluarga tidak mampu untuk keringanan biaya pendidikan, kesehatan atau hukum.",
    },
    "ket_dtks": {
        "name": "Surat Keterangan Terdaftar dalam Data Kesejahteraan Sosial",
        "short_name": "Keterangan DTKS",
        "issuer": "dinsos",
        "description": "Keterangan status keluarga dalam DTKS/DTSEN.",
    },
    # --- Imigrasi, utilitas, pos ---
    "paspor": {
        "name": "Paspor Republik Indonesia",
        "short_name": "Paspor",
        "issuer": "imigrasi",
        "description": "Dokumen perjalanan ke luar negeri; paspor biasa berlaku 10 tahun bagi dewasa.",
    },
    "slo": {
        "name": "Sertifikat Laik Operasi Instalasi Listrik",
        "short_name": "SLO",
        "issuer": None,
        "description": "Sertifikat kelaikan instalasi listrik rumah dari lembaga inspeksi teknik.",
    },
    "rekening_listrik": {
        "name": "ID Pelanggan PLN",
        "short_name": "ID Pelanggan",
        "issuer": "pln",
        "description": "Nomor ID pelanggan atau nomor meter listrik (pascabayar atau token).",
    },
    "rekening_air": {
        "name": "Rekening Air PDAM",
        "short_name": "Rekening Air",
        "issuer": "pdam",
        "description": "Tagihan bulanan atau nomor sambungan pelanggan PDAM.",
    },
    "resi_pos": {
        "name": "Resi Pengiriman Pos",
        "short_name": "Resi",
        "issuer": "pos-indonesia",
        "description": "Bukti kiriman dengan nomor lacak.",
    },
    "tanda_terima_aspirasi": {
        "name": "Tanda Terima Aspirasi",
        "short_name": "Tanda Terima Aspirasi",
        "issuer": "dprd",
        "description": "Bukti bahwa aspirasi telah diterima Sekretariat DPRD untuk diteruskan kepada DPRD.",
    },
}

DEFAULT_MANAGEMENT = {
    "facilities": "Ruang tunggu ber-AC, mesin antrean, loket pelayanan, ruang laktasi, area bermain anak, "
    "toilet dan jalur kursi roda untuk penyandang disabilitas, area parkir.",
    "competence": "Pelaksana memahami standar pelayanan dan peraturan terkait, mampu mengoperasikan aplikasi "
    "layanan, serta bersikap ramah dan komunikatif.",
    "internal_supervision": "Pengawasan oleh atasan langsung dan pengelola MPP (DPMPTSP Kabupaten Kapuas), "
    "serta pemeriksaan oleh Inspektorat Kabupaten Kapuas.",
    "staff_count": "Sesuai jumlah petugas yang ditugaskan instansi pada loket MPP",
    "service_guarantee": "Pelayanan diberikan sesuai standar pelayanan dan Maklumat Pelayanan yang dipublikasikan "
    "di MPP Kabupaten Kapuas.",
    "security_guarantee": "Kerahasiaan data pribadi pemohon dijaga sesuai UU 27/2022; ruang pelayanan dilengkapi "
    "CCTV, alat pemadam api ringan dan jalur evakuasi.",
    "performance_evaluation": "Survei Kepuasan Masyarakat (PermenPAN-RB 14/2017) dan evaluasi kinerja pelaksana "
    "secara berkala oleh instansi dan pengelola MPP.",
}

DEFAULT_COMPLAINTS = (
    "Pengaduan, saran dan masukan dapat disampaikan melalui: (1) loket pengaduan MPP Kabupaten Kapuas; "
    "(2) SP4N-LAPOR! di www.lapor.go.id atau SMS 1708; (3) kotak saran di ruang tunggu MPP. "
    "Identitas pelapor dirahasiakan dan pengaduan tidak dipungut biaya."
)

AGENCIES = [
    {
        "slug": "disdukcapil",
        "name": "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kapuas",
        "short_name": "Disdukcapil",
        "kind": "pemda",
        "description": "Pelayanan administrasi kependudukan dan pencatatan sipil: KTP-el, KK, KIA, akta, "
        "pindah-datang dan aktivasi IKD. Seluruh layanan tidak dipungut biaya.",
        "sites": ["kapuas", "kapuas-keliling"],
        "counters": ["1", "2", "3", "4"],
        "zone": "Lantai 1",
        "sk_number": "400.12/045/SP/DUKCAPIL/2026",
        "sk_date": "2026-01-15",
        "services": [
            {
                "slug": "perekaman-ktp-el",
                "name": "Perekaman dan Penerbitan KTP-el",
                "summary": "Perekaman biometrik dan pencetakan KTP-el bagi penduduk yang berusia 17 tahun, "
                "sudah kawin, atau pernah kawin.",
                "keywords": "rekam ktp, e-ktp baru, ktp baru, bikin ktp, buat ktp, ktp pertama, umur 17, ktp-el, ktpel",
                "standard": {
                    "requirements": [
                        ("kk", "Asli atau fotokopi", False),
                        ("f102", "Diisi di loket", False),
                    ],
                    "requirements_note": "Pemohon datang sendiri untuk perekaman sidik jari, iris mata, foto dan "
                    "tanda tangan.",
                    "procedure": "1. Ambil nomor antrean dan serahkan berkas di loket Disdukcapil.\n"
                    "2. Petugas memverifikasi data pada database kependudukan.\n"
                    "3. Perekaman foto, sidik jari, iris mata dan tanda tangan.\n"
                    "4. KTP-el dicetak setelah data terverifikasi dan diserahkan kepada pemohon.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("ktp", "Dapat juga diaktifkan sebagai IKD")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW,
                },
            },
            {
                "slug": "ktp-el-hilang-rusak",
                "name": "Penerbitan KTP-el karena Hilang atau Rusak",
                "summary": "Cetak ulang KTP-el yang hilang atau rusak dengan NIK yang sama, tanpa perekaman ulang.",
                "keywords": "ktp hilang, ktp ilang, ktp rusak, e-ktp hilang, ektp rusak, cetak ulang ktp, "
                "ganti ktp, ktp patah, ktp baru karena hilang, surat kehilangan ktp",
                "standard": {
                    "requirements": [
                        ("sktlk", "Asli, untuk KTP-el yang hilang", True),
                        ("ktp", "Hanya bila KTP-el rusak (bukan hilang): serahkan KTP-el yang rusak", True),
                        ("kk", "Asli atau fotokopi, untuk memeriksa NIK", False),
                        ("f102", "Diisi di loket", False),
                    ],
                    "requirements_note": "Dapat diurus di Disdukcapil mana pun, termasuk di luar domisili. "
                    "Surat pengantar RT/RW atau kelurahan tidak diperlukan.",
                    "procedure": "1. Untuk KTP-el hilang, buat SKTLK di loket SPKT Polres (gratis).\n"
                    "2. Serahkan SKTLK atau KTP-el rusak beserta KK di loket Disdukcapil.\n"
                    "3. Petugas memverifikasi NIK dan data biometrik yang sudah terekam.\n"
                    "4. KTP-el dicetak ulang dan diserahkan kepada pemohon.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("ktp", "KTP-el dengan NIK yang sama")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW,
                },
            },
            {
                "slug": "ktp-el-perubahan-data",
                "name": "Penerbitan KTP-el karena Perubahan Data",
                "summary": "Penerbitan KTP-el baru karena perubahan status perkawinan, alamat, pekerjaan, "
                "agama atau elemen data lainnya.",
                "keywords": "ganti status ktp, ubah ktp, ktp kawin, ganti alamat ktp, ganti pekerjaan ktp, "
                "perbaikan ktp, ktp salah, e-ktp",
                "standard": {
                    "requirements": [
                        ("kk", "KK yang sudah memuat data terbaru", False),
                        ("ktp", "KTP-el lama", False),
                        ("f102", "Diisi di loket", False),
                    ],
                    "requirements_note": "Perubahan data harus lebih dahulu dicatat dalam KK. Tidak perlu "
                    "perekaman ulang.",
                    "procedure": "1. Pastikan data baru sudah tercantum dalam KK.\n"
                    "2. Serahkan KTP-el lama dan KK di loket Disdukcapil.\n"
                    "3. Petugas memverifikasi dan memperbarui data.\n"
                    "4. KTP-el baru dicetak dan diserahkan; KTP-el lama ditarik.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("ktp", "KTP-el dengan data terbaru")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW,
                },
            },
            {
                "slug": "kk-baru",
                "name": "Penerbitan Kartu Keluarga Baru",
                "summary": "Penerbitan KK baru untuk keluarga baru, pisah KK, atau penggantian KK yang hilang "
                "atau rusak.",
                "keywords": "kk baru, bikin kk, buat kk, kartu keluarga baru, pisah kk, kk hilang, kk rusak, "
                "kartu keluarga hilang",
                "standard": {
                    "requirements": [
                        ("buku_nikah", "Buku nikah atau kutipan akta perkawinan, untuk keluarga baru", True),
                        ("kk", "KK lama, untuk pisah KK atau KK rusak", True),
                        ("sktlk", "Untuk KK yang hilang", True),
                        ("f102", "Diisi di loket", False),
                    ],
                    "requirements_note": "Surat pengantar RT/RW atau kelurahan tidak diperlukan (Perpres 96/2018).",
                    "procedure": "1. Serahkan berkas di loket Disdukcapil.\n"
                    "2. Petugas memverifikasi data dan memproses KK.\n"
                    "3. KK dicetak dengan tanda tangan elektronik dan diserahkan kepada pemohon.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("kk", "KK bertanda tangan elektronik, dapat dicetak di kertas HVS")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW,
                },
            },
            {
                "slug": "kk-perubahan",
                "name": "Perubahan Data Kartu Keluarga",
                "summary": "Perubahan susunan atau data KK, termasuk setelah menikah, kelahiran, kematian, "
                "atau perubahan pendidikan dan pekerjaan.",
                "keywords": "ubah kk, ganti kk, kk setelah nikah, kk kawin, tambah anggota kk, kurang anggota kk, "
                "perbaikan kk, kk salah, update kk, kartu keluarga",
                "standard": {
                    "requirements": [
                        ("kk", "KK lama (asli)", False),
                        (
                            "buku_nikah",
                            "Buku nikah atau kutipan akta perkawinan, untuk perubahan setelah menikah",
                            True,
                        ),
                        ("akta_lahir", "Untuk penambahan anggota keluarga karena kelahiran", True),
                        ("akta_kematian", "Untuk pengurangan anggota keluarga karena kematian", True),
                        ("ijazah", "Untuk perubahan data pendidikan", True),
                        ("f102", "Diisi di loket", False),
                    ],
                    "requirements_note": "Setelah KK diperbarui, KTP-el dapat diganti statusnya tanpa perekaman ulang.",
                    "procedure": "1. Serahkan KK lama dan dokumen pendukung di loket Disdukcapil.\n"
                    "2. Petugas memverifikasi dan memperbarui data.\n"
                    "3. KK baru dicetak dan diserahkan; KK lama ditarik.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("kk", "KK dengan data terbaru")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW,
                },
            },
            {
                "slug": "kia",
                "name": "Penerbitan Kartu Identitas Anak (KIA)",
                "summary": "Penerbitan KIA bagi anak berusia di bawah 17 tahun.",
                "keywords": "kia, kartu anak, ktp anak, kartu identitas anak, identitas anak",
                "standard": {
                    "requirements": [
                        ("akta_lahir", "Fotokopi, ditunjukkan aslinya", False),
                        ("kk", "Asli", False),
                        ("ktp", "KTP-el kedua orang tua/wali", False),
                        ("pas_foto", "2x3, untuk anak usia 5 tahun ke atas", True),
                    ],
                    "requirements_note": "Anak usia 0-5 tahun tanpa foto; usia 5 tahun ke atas dengan foto "
                    "(latar merah untuk tahun lahir ganjil, biru untuk tahun lahir genap).",
                    "procedure": "1. Orang tua/wali menyerahkan berkas di loket Disdukcapil.\n"
                    "2. Petugas memverifikasi data anak.\n"
                    "3. KIA dicetak dan diserahkan kepada orang tua/wali.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("kia", "Untuk anak 0-5 tahun berlaku sampai usia 5 tahun")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW + "\nPermendagri 2/2016 tentang Kartu Identitas Anak",
                },
            },
            {
                "slug": "akta-kelahiran",
                "name": "Penerbitan Akta Kelahiran",
                "summary": "Pencatatan kelahiran dan penerbitan kutipan akta kelahiran, sekaligus KK baru dan "
                "KIA bagi anak.",
                "keywords": "akta lahir, akte lahir, akte kelahiran, akta anak, surat lahir, bayi lahir, "
                "kelahiran, daftar bayi, akte",
                "standard": {
                    "requirements": [
                        ("sk_lahir", "Asli, dari faskes/bidan/dokter atau desa/kelurahan", False),
                        ("buku_nikah", "Buku nikah atau kutipan akta perkawinan orang tua", True),
                        ("kk", "KK orang tua", False),
                        (
                            "sptjm",
                            "Bila surat keterangan lahir atau bukti perkawinan tidak ada, dengan 2 saksi",
                            True,
                        ),
                        ("f201", "Diisi di loket", False),
                    ],
                    "requirements_note": "Kelahiran dilaporkan paling lambat 60 hari sejak kelahiran; "
                    "pelaporan terlambat memerlukan keputusan Kepala Dinas.",
                    "procedure": "1. Serahkan berkas di loket Disdukcapil.\n"
                    "2. Petugas memverifikasi data dan mencatat kelahiran.\n"
                    "3. Akta kelahiran, KK baru (anak mendapat NIK) dan KIA diterbitkan.\n"
                    "4. Dokumen diserahkan kepada pemohon.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [
                        ("akta_lahir", ""),
                        ("kk", "KK yang memuat anak"),
                        ("kia", "Untuk anak di bawah 5 tahun"),
                    ],
                    "products_note": "Setelah akta terbit, daftarkan bayi ke BPJS Kesehatan paling lambat "
                    "28 hari sejak lahir.",
                    "legal_basis": ADMINDUK_LAW + "\nPermendagri 2/2016 tentang Kartu Identitas Anak",
                },
            },
            {
                "slug": "akta-kematian",
                "name": "Penerbitan Akta Kematian",
                "summary": "Pencatatan kematian penduduk dan penerbitan kutipan akta kematian.",
                "keywords": "akta kematian, akte kematian, akta mati, surat kematian, meninggal, meninggal dunia, "
                "orang meninggal, akte",
                "standard": {
                    "requirements": [
                        ("sk_kematian", "Asli", False),
                        ("kk", "KK almarhum/almarhumah", False),
                        ("ktp", "KTP-el almarhum/almarhumah dan pelapor", False),
                        ("sptjm", "Bila tidak ada surat keterangan kematian", True),
                        ("f201", "Diisi di loket", False),
                    ],
                    "requirements_note": "Kematian dilaporkan oleh keluarga paling lambat 30 hari sejak kematian.",
                    "procedure": "1. Keluarga menyerahkan berkas di loket Disdukcapil.\n"
                    "2. Petugas memverifikasi dan mencatat kematian.\n"
                    "3. Akta kematian dan KK yang diperbarui diterbitkan.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("akta_kematian", ""), ("kk", "KK yang diperbarui")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW,
                },
            },
            {
                "slug": "akta-perkawinan",
                "name": "Penerbitan Akta Perkawinan (Non-Muslim)",
                "summary": "Pencatatan perkawinan bagi penduduk non-muslim setelah pemberkatan atau upacara "
                "keagamaan.",
                "keywords": "akta nikah, akte nikah, akta kawin, nikah kristen, nikah katolik, nikah hindu, "
                "nikah buddha, kaharingan, catatan sipil, pernikahan non muslim",
                "standard": {
                    "requirements": [
                        ("surat_perkawinan_agama", "Asli", False),
                        ("ktp", "KTP-el kedua mempelai", False),
                        ("kk", "KK kedua mempelai", False),
                        ("akta_lahir", "Kutipan akta kelahiran kedua mempelai", False),
                        ("pas_foto", "Foto berdampingan 4x6, sesuai ketentuan loket", False),
                        ("f201", "Diisi di loket, dengan 2 saksi", False),
                    ],
                    "requirements_note": "Perkawinan dilaporkan paling lambat 60 hari setelah upacara keagamaan.",
                    "procedure": "1. Serahkan berkas di loket Disdukcapil.\n"
                    "2. Petugas memverifikasi data mempelai dan saksi.\n"
                    "3. Perkawinan dicatat dan akta perkawinan diterbitkan.\n"
                    "4. Mempelai dapat sekaligus mengurus KK baru.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("akta_perkawinan", "")],
                    "products_note": "",
                    "legal_basis": "UU 1/1974 jo. UU 16/2019 tentang Perkawinan\n" + ADMINDUK_LAW,
                },
            },
            {
                "slug": "akta-perceraian",
                "name": "Penerbitan Akta Perceraian (Non-Muslim)",
                "summary": "Pencatatan perceraian penduduk non-muslim berdasarkan putusan Pengadilan Negeri.",
                "keywords": "akta cerai, akte cerai, cerai, perceraian, putusan cerai, catatan sipil",
                "standard": {
                    "requirements": [
                        (
                            "putusan_pengadilan",
                            "Putusan Pengadilan Negeri yang berkekuatan hukum tetap",
                            False,
                        ),
                        ("akta_perkawinan", "Asli", False),
                        ("ktp", "", False),
                        ("kk", "", False),
                        ("f201", "Diisi di loket", False),
                    ],
                    "requirements_note": "Perceraian dilaporkan paling lambat 60 hari setelah putusan "
                    "berkekuatan hukum tetap.",
                    "procedure": "1. Serahkan berkas di loket Disdukcapil.\n"
                    "2. Petugas memverifikasi putusan pengadilan.\n"
                    "3. Perceraian dicatat dan akta perceraian diterbitkan.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("akta_perceraian", "")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW,
                },
            },
            {
                "slug": "pindah-keluar",
                "name": "Surat Keterangan Pindah (Pindah Keluar)",
                "summary": "Penerbitan Surat Keterangan Pindah WNI bagi penduduk yang pindah ke luar desa, "
                "kecamatan atau kabupaten.",
                "keywords": "surat pindah, pindah domisili, pindah alamat, pindah kk, skpwni, pindah keluar, "
                "pindah rumah, mutasi penduduk",
                "standard": {
                    "requirements": [
                        ("kk", "Asli", False),
                        ("f103", "Diisi di loket", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Serahkan KK dan formulir di loket Disdukcapil.\n"
                    "2. Petugas memverifikasi data dan alamat tujuan.\n"
                    "3. SKPWNI dan KK baru bagi anggota yang tidak pindah diterbitkan.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("skpwni", ""), ("kk", "Untuk anggota keluarga yang tidak pindah")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW,
                },
            },
            {
                "slug": "pindah-datang",
                "name": "Pendaftaran Penduduk Pindah Datang",
                "summary": "Pencatatan penduduk yang datang dari daerah lain dan penerbitan KK serta KTP-el "
                "dengan alamat baru.",
                "keywords": "pindah datang, datang, pindahan, kk alamat baru, ktp alamat baru, skpwni",
                "standard": {
                    "requirements": [
                        ("skpwni", "Dari Disdukcapil daerah asal", False),
                        ("f103", "Diisi di loket", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Serahkan SKPWNI di loket Disdukcapil.\n"
                    "2. Petugas memverifikasi data kepindahan.\n"
                    "3. KK dan KTP-el dengan alamat baru diterbitkan.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("kk", "KK dengan alamat baru"), ("ktp", "KTP-el dengan alamat baru")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW,
                },
            },
            {
                "slug": "aktivasi-ikd",
                "name": "Aktivasi Identitas Kependudukan Digital (IKD)",
                "summary": "Aktivasi KTP digital di aplikasi IKD pada telepon genggam pemilik KTP-el.",
                "keywords": "ikd, ktp digital, aktivasi ktp digital, identitas digital, e-ktp di hp, ktp hp",
                "standard": {
                    "requirements": [
                        ("ktp", "Pemilik datang sendiri", False),
                    ],
                    "requirements_note": "Bawa telepon genggam Android/iOS dengan aplikasi IKD, nomor telepon "
                    "dan surel aktif.",
                    "procedure": "1. Unduh aplikasi IKD dan isi NIK, nomor telepon dan surel.\n"
                    "2. Lakukan verifikasi wajah di aplikasi.\n"
                    "3. Petugas memindai kode QR aktivasi di loket.\n"
                    "4. Masukkan kode aktivasi yang dikirim ke surel.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": ADMINDUK_FREE,
                    "fee_note": "",
                    "products": [("ikd", "")],
                    "products_note": "",
                    "legal_basis": ADMINDUK_LAW + "\nPermendagri 72/2022",
                },
            },
        ],
    },
    {
        "slug": "polres",
        "name": "Kepolisian Resor Kapuas",
        "short_name": "Polres Kapuas",
        "kind": "vertikal",
        "description": "Loket SPKT (laporan kehilangan dan pengaduan), SKCK, dan SIM Corner Satlantas "
        "Polres Kapuas.",
        "sites": ["kapuas", "kapuas-keliling"],
        "counters": ["5", "6", "7"],
        "zone": "Lantai 1",
        "sk_number": "SP/12/I/2026/Polres Kapuas",
        "sk_date": "2026-01-20",
        "services": [
            {
                "slug": "sktlk",
                "name": "Surat Keterangan Tanda Lapor Kehilangan (SKTLK)",
                "summary": "Surat keterangan lapor kehilangan barang atau dokumen (KTP, KK, SIM, STNK, ATM, "
                "ijazah) dari SPKT, gratis.",
                "keywords": "ktp hilang, surat kehilangan, lapor kehilangan, surat hilang, kehilangan ktp, "
                "ilang, sim hilang, stnk hilang, atm hilang, kk hilang, dompet hilang, spkt, laporan hilang",
                "standard": {
                    "requirements": [
                        (
                            "kk",
                            "Fotokopi KK (atau identitas lain seperti SIM); fotokopi dokumen yang hilang "
                            "bila ada",
                            False,
                        ),
                        ("pengantar_desa", "Bila diminta petugas", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Datang ke loket SPKT dan sampaikan barang atau dokumen yang hilang.\n"
                    "2. Petugas mencatat keterangan pelapor.\n"
                    "3. SKTLK dicetak, ditandatangani dan diserahkan.",
                    "completion_time": 10,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Bukan jenis PNBP Polri (PP 76/2020)",
                    "fee_note": "Gratis",
                    "products": [("sktlk", "Umumnya berlaku 14 hari; bukan pengganti dokumen yang hilang")],
                    "products_note": "",
                    "legal_basis": "UU 2/2002 tentang Kepolisian Negara Republik Indonesia\nPerkap 23/2010",
                },
            },
            {
                "slug": "skck",
                "name": "Penerbitan Surat Keterangan Catatan Kepolisian (SKCK)",
                "summary": "Penerbitan SKCK baru atau perpanjangan untuk melamar kerja, CPNS dan keperluan lain.",
                "keywords": "skck, surat kelakuan baik, surat berkelakuan baik, catatan kepolisian, "
                "perpanjang skck, lamar kerja, cpns",
                "standard": {
                    "requirements": [
                        ("pengantar_desa", "Surat pengantar kelurahan/desa", False),
                        ("ktp", "Fotokopi", False),
                        ("kk", "Fotokopi", False),
                        ("akta_lahir", "Fotokopi akta kelahiran atau ijazah", False),
                        ("pas_foto", "4x6 latar merah, 6 lembar", False),
                        ("kartu_jkn", "Bukti kepesertaan JKN aktif", False),
                        ("skck", "SKCK lama, untuk perpanjangan", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Isi formulir pendaftaran (dapat daring melalui aplikasi Polri).\n"
                    "2. Serahkan berkas dan pengambilan sidik jari.\n"
                    "3. Bayar PNBP.\n"
                    "4. SKCK dicetak dan diserahkan.",
                    "completion_time": 60,
                    "completion_unit": "minutes",
                    "fee": 30000,
                    "fee_basis": "PP 76/2020 tentang Jenis dan Tarif PNBP Polri",
                    "fee_note": "",
                    "products": [("skck", "Berlaku 6 bulan")],
                    "products_note": "",
                    "legal_basis": "UU 2/2002 tentang Kepolisian Negara Republik Indonesia\nPP 76/2020",
                },
            },
            {
                "slug": "sim-a-perpanjangan",
                "name": "Perpanjangan SIM A",
                "summary": "Perpanjangan SIM A yang masih berlaku, tanpa ujian ulang.",
                "keywords": "perpanjang sim, perpanjangan sim, sim a, sim mobil, sim mati, sim habis, "
                "sim corner, sim keliling",
                "standard": {
                    "requirements": [
                        ("sim", "SIM A asli yang masih berlaku", False),
                        ("ktp", "Asli dan fotokopi", False),
                        ("sk_sehat", "Keterangan sehat jasmani", False),
                        ("sk_psikologi", "Hasil tes psikologi", False),
                    ],
                    "requirements_note": "SIM yang sudah lewat masa berlakunya harus dibuat baru dengan ujian "
                    "di Satpas Polres.",
                    "procedure": "1. Lakukan pemeriksaan kesehatan dan tes psikologi.\n"
                    "2. Serahkan berkas di loket SIM.\n"
                    "3. Bayar PNBP di bank atau kanal pembayaran yang ditunjuk.\n"
                    "4. Foto, sidik jari dan tanda tangan.\n"
                    "5. SIM dicetak dan diserahkan.",
                    "completion_time": 60,
                    "completion_unit": "minutes",
                    "fee": 80000,
                    "fee_basis": "PP 76/2020 tentang Jenis dan Tarif PNBP Polri",
                    "fee_note": "Belum termasuk biaya pemeriksaan kesehatan dan tes psikologi",
                    "products": [("sim", "SIM A berlaku 5 tahun")],
                    "products_note": "",
                    "legal_basis": "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan\nPerpol 5/2021\nPP 76/2020",
                },
            },
            {
                "slug": "sim-c-perpanjangan",
                "name": "Perpanjangan SIM C",
                "summary": "Perpanjangan SIM C (sepeda motor) yang masih berlaku, tanpa ujian ulang.",
                "keywords": "perpanjang sim, perpanjangan sim, sim c, sim motor, sim mati, sim habis, "
                "sim corner, sim keliling",
                "standard": {
                    "requirements": [
                        ("sim", "SIM C asli yang masih berlaku", False),
                        ("ktp", "Asli dan fotokopi", False),
                        ("sk_sehat", "Keterangan sehat jasmani", False),
                        ("sk_psikologi", "Hasil tes psikologi", False),
                    ],
                    "requirements_note": "SIM yang sudah lewat masa berlakunya harus dibuat baru dengan ujian "
                    "di Satpas Polres.",
                    "procedure": "1. Lakukan pemeriksaan kesehatan dan tes psikologi.\n"
                    "2. Serahkan berkas di loket SIM.\n"
                    "3. Bayar PNBP di bank atau kanal pembayaran yang ditunjuk.\n"
                    "4. Foto, sidik jari dan tanda tangan.\n"
                    "5. SIM dicetak dan diserahkan.",
                    "completion_time": 60,
                    "completion_unit": "minutes",
                    "fee": 75000,
                    "fee_basis": "PP 76/2020 tentang Jenis dan Tarif PNBP Polri",
                    "fee_note": "Belum termasuk biaya pemeriksaan kesehatan dan tes psikologi",
                    "products": [("sim", "SIM C berlaku 5 tahun")],
                    "products_note": "",
                    "legal_basis": "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan\nPerpol 5/2021\nPP 76/2020",
                },
            },
            {
                "slug": "pengaduan-masyarakat",
                "name": "Pengaduan dan Laporan Informasi Masyarakat",
                "summary": "Penerimaan pengaduan, laporan informasi dan konsultasi masyarakat kepada kepolisian "
                "melalui SPKT.",
                "keywords": "lapor polisi, pengaduan polisi, laporan polisi, spkt, lapor penipuan, lapor kejadian, "
                "dumas, aduan",
                "standard": {
                    "requirements": [
                        ("ktp", "Identitas pelapor", False),
                        ("bukti_pendukung", "Bila ada", True),
                    ],
                    "requirements_note": "Keadaan darurat: hubungi Call Center Polri 110.",
                    "procedure": "1. Sampaikan laporan atau pengaduan di loket SPKT.\n"
                    "2. Petugas mencatat dan menilai laporan.\n"
                    "3. Pelapor menerima tanda penerimaan laporan.\n"
                    "4. Laporan diteruskan ke satuan fungsi yang berwenang.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("stpl", "")],
                    "products_note": "",
                    "legal_basis": "UU 2/2002 tentang Kepolisian Negara Republik Indonesia\nPerkap 23/2010",
                },
            },
        ],
    },
    {
        # Assumption: the Samsat joint office (Polri, Bapenda Provinsi Kalteng, Jasa Raharja) is listed as
        # "vertikal" because its front desk is run by Polri and the provincial revenue agency.
        "slug": "samsat",
        "name": "Kantor Bersama Samsat Kapuas",
        "short_name": "Samsat Kapuas",
        "kind": "vertikal",
        "description": "Gerai Samsat (Polri, Bapenda Provinsi Kalimantan Tengah dan Jasa Raharja): pajak kendaraan "
        "tahunan, ganti STNK 5 tahunan, balik nama dan informasi pajak kendaraan.",
        "sites": ["kapuas", "kapuas-keliling"],
        "counters": ["8", "9"],
        "zone": "Lantai 1",
        "sk_number": "973/021/SP/SAMSAT-KPS/2026",
        "sk_date": "2026-01-22",
        "services": [
            {
                "slug": "pajak-kendaraan-tahunan",
                "name": "Pembayaran Pajak Kendaraan Tahunan (Pengesahan STNK)",
                "summary": "Pembayaran PKB dan SWDKLLJ serta pengesahan STNK tahunan.",
                "keywords": "pajak motor, pajak mobil, bayar pajak kendaraan, pkb, pajak tahunan, "
                "pengesahan stnk, samsat, stnk, swdkllj, jasa raharja",
                "standard": {
                    "requirements": [
                        ("ktp", "Asli, atas nama yang tercantum di STNK/BPKB", False),
                        ("stnk", "Asli", False),
                        ("bpkb", "Fotokopi, bila diminta petugas", True),
                    ],
                    "requirements_note": "KTP-el yang hilang harus diterbitkan ulang lebih dahulu.",
                    "procedure": "1. Serahkan berkas di loket pendaftaran Samsat.\n"
                    "2. Petugas menetapkan besaran PKB dan SWDKLLJ.\n"
                    "3. Bayar di kasir atau kanal pembayaran.\n"
                    "4. STNK disahkan dan diserahkan bersama bukti pelunasan.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "UU 1/2022 tentang HKPD dan Perda Provinsi Kalimantan Tengah tentang Pajak Daerah",
                    "fee_note": "PKB dan SWDKLLJ sesuai ketetapan pajak masing-masing kendaraan",
                    "products": [("stnk", "STNK yang telah disahkan"), ("skpd_pkb", "")],
                    "products_note": "",
                    "legal_basis": "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan\nUU 1/2022 tentang HKPD\n"
                    "Perpres 5/2015 tentang Samsat\nPerpol 7/2021",
                },
            },
            {
                "slug": "ganti-stnk-5-tahunan",
                "name": "Penggantian STNK dan Plat Nomor 5 Tahunan",
                "summary": "Penggantian STNK dan TNKB setiap 5 tahun sekaligus pembayaran pajak tahunan.",
                "keywords": "ganti stnk, stnk 5 tahun, perpanjang stnk, ganti plat, plat nomor, tnkb, "
                "pajak 5 tahunan, cek fisik, pajak motor",
                "standard": {
                    "requirements": [
                        ("ktp", "Asli, atas nama yang tercantum di STNK/BPKB", False),
                        ("stnk", "Asli", False),
                        ("bpkb", "Asli; atau surat leasing dengan fotokopi BPKB yang dilegalisasi", False),
                        ("cek_fisik", "Kendaraan dibawa untuk cek fisik", False),
                    ],
                    "requirements_note": "Dilakukan di Samsat induk domisili kendaraan.",
                    "procedure": "1. Lakukan cek fisik kendaraan.\n"
                    "2. Serahkan berkas di loket pendaftaran.\n"
                    "3. Bayar PKB, SWDKLLJ dan PNBP STNK/TNKB.\n"
                    "4. STNK baru dan TNKB diserahkan.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "UU 1/2022 tentang HKPD; PP 76/2020 tentang PNBP Polri",
                    "fee_note": "PKB dan SWDKLLJ sesuai ketetapan; PNBP STNK dan TNKB sesuai ketentuan yang berlaku",
                    "products": [("stnk", "STNK baru"), ("tnkb", ""), ("skpd_pkb", "")],
                    "products_note": "",
                    "legal_basis": "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan\nPerpres 5/2015\nPerpol 7/2021"
                    "\nPP 76/2020",
                },
            },
            {
                "slug": "balik-nama",
                "name": "Balik Nama Kendaraan Bermotor",
                "summary": "Pengalihan kepemilikan kendaraan bekas ke nama pemilik baru.",
                "keywords": "balik nama, bbn, bbnkb, mutasi kendaraan, beli motor bekas, beli mobil bekas, "
                "ganti nama stnk, ganti nama bpkb",
                "standard": {
                    "requirements": [
                        ("ktp", "Asli, pemilik baru", False),
                        ("stnk", "Asli", False),
                        ("bpkb", "Asli", False),
                        ("bukti_jual_beli", "Bermeterai", False),
                        ("cek_fisik", "Kendaraan dibawa untuk cek fisik", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Lakukan cek fisik kendaraan.\n"
                    "2. Serahkan berkas di loket pendaftaran.\n"
                    "3. Bayar BBNKB, PKB, SWDKLLJ dan PNBP.\n"
                    "4. STNK atas nama baru diserahkan; BPKB diproses di Satlantas.",
                    "completion_time": 3,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "UU 1/2022 tentang HKPD; PP 76/2020 tentang PNBP Polri",
                    "fee_note": "BBNKB, PKB dan PNBP sesuai ketentuan yang berlaku",
                    "products": [("stnk", "STNK atas nama pemilik baru"), ("skpd_pkb", "")],
                    "products_note": "",
                    "legal_basis": "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan\nUU 1/2022 tentang HKPD"
                    "\nPerpres 5/2015\nPerpol 7/2021",
                },
            },
            {
                "slug": "info-pajak-kendaraan",
                "name": "Informasi Pajak Kendaraan Bermotor",
                "summary": "Informasi besaran pajak dan tunggakan kendaraan bermotor.",
                "keywords": "cek pajak, info pajak, pajak motor, pajak mobil, tunggakan pajak, denda pajak, "
                "samsat, pkb",
                "standard": {
                    "requirements": [
                        ("stnk", "Atau sebutkan nomor polisi kendaraan", True),
                    ],
                    "requirements_note": "Cukup menyebutkan nomor polisi kendaraan.",
                    "procedure": "1. Sampaikan nomor polisi kendaraan di loket informasi Samsat.\n"
                    "2. Petugas memeriksa data pajak.\n"
                    "3. Petugas menyampaikan besaran pajak dan tunggakan.",
                    "completion_time": 5,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Informasi lisan atau cetak besaran pajak",
                    "legal_basis": "UU 1/2022 tentang HKPD\nPerpres 5/2015",
                },
            },
        ],
    },
    {
        "slug": "kejari",
        "name": "Kejaksaan Negeri Kapuas",
        "short_name": "Kejari Kapuas",
        "kind": "vertikal",
        "description": "Pengambilan barang bukti tilang, konsultasi hukum gratis oleh Jaksa Pengacara Negara, "
        "dan penerimaan laporan masyarakat.",
        "sites": ["kapuas"],
        "counters": ["10"],
        "zone": "Lantai 1",
        "sk_number": "B-15/O.2.12/Kph.3/01/2026",
        "sk_date": "2026-01-27",
        "services": [
            {
                "slug": "barang-bukti-tilang",
                "name": "Pengambilan Barang Bukti Tilang",
                "summary": "Pengambilan SIM atau STNK yang disita karena tilang setelah denda dibayar.",
                "keywords": "tilang, ambil sim tilang, ambil stnk tilang, barang bukti, denda tilang, e-tilang, "
                "bayar tilang, kena tilang, sidang tilang",
                "standard": {
                    "requirements": [
                        ("surat_tilang", "Asli atau nomor register tilang", False),
                        ("bukti_denda", "Bukti setor denda ke kas negara", False),
                        ("ktp", "Asli pelanggar, atau KTP-el penerima kuasa", False),
                        ("surat_kuasa", "Bila diwakilkan", True),
                    ],
                    "requirements_note": "Besaran denda sesuai putusan pengadilan dan dapat dicek di situs "
                    "tilang Kejaksaan.",
                    "procedure": "1. Cek besaran denda berdasarkan nomor register tilang.\n"
                    "2. Bayar denda melalui bank atau kanal pembayaran.\n"
                    "3. Serahkan surat tilang dan bukti bayar di loket Kejari.\n"
                    "4. Barang bukti diserahkan setelah dicocokkan.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Pengambilan barang bukti tidak dipungut biaya",
                    "fee_note": "Denda tilang sesuai putusan pengadilan, disetor ke kas negara",
                    "products": [
                        ("sim", "Bila barang bukti berupa SIM"),
                        ("stnk", "Bila barang bukti berupa STNK"),
                    ],
                    "products_note": "",
                    "legal_basis": "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan\nPerma 12/2016\n"
                    "UU 16/2004 jo. UU 11/2021 tentang Kejaksaan",
                },
            },
            {
                "slug": "konsultasi-hukum",
                "name": "Konsultasi Hukum Gratis",
                "summary": "Konsultasi hukum perdata dan tata usaha negara oleh Jaksa Pengacara Negara, tanpa biaya.",
                "keywords": "konsultasi hukum, tanya jaksa, bantuan hukum, pengacara gratis, masalah hukum, "
                "sengketa, warisan, utang piutang, jpn",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("bukti_pendukung", "Dokumen terkait masalah hukum, bila ada", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan permasalahan di loket Kejari.\n"
                    "2. Jaksa memberikan pendapat hukum secara lisan.\n"
                    "3. Bila diminta, jawaban tertulis disampaikan paling lama 30 hari.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Pendapat hukum lisan, atau tertulis paling lama 30 hari",
                    "legal_basis": "UU 16/2004 jo. UU 11/2021 tentang Kejaksaan",
                },
            },
            {
                "slug": "laporan-pengaduan",
                "name": "Penerimaan Laporan dan Pengaduan Masyarakat",
                "summary": "Penerimaan laporan dugaan tindak pidana, termasuk korupsi, kepada Kejaksaan.",
                "keywords": "lapor jaksa, lapor korupsi, pengaduan kejaksaan, dumas, laporan masyarakat, pungli",
                "standard": {
                    "requirements": [
                        ("ktp", "Identitas pelapor (dirahasiakan)", False),
                        ("bukti_pendukung", "Bila ada", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan laporan lisan atau tertulis di loket Kejari.\n"
                    "2. Petugas mencatat laporan dan memberikan tanda terima.\n"
                    "3. Laporan ditelaah dan pelapor diberi tahu tindak lanjutnya.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "")],
                    "products_note": "",
                    "legal_basis": "UU 16/2004 jo. UU 11/2021 tentang Kejaksaan",
                },
            },
        ],
    },
    {
        "slug": "pa-kuala-kapuas",
        "name": "Pengadilan Agama Kuala Kapuas",
        "short_name": "PA Kuala Kapuas",
        "kind": "vertikal",
        "description": "Informasi perkara dan pendampingan pendaftaran perkara secara elektronik (e-Court) "
        "bagi perkara cerai, isbat nikah, dispensasi kawin dan waris.",
        "sites": ["kapuas"],
        "counters": ["11"],
        "zone": "Lantai 1",
        "sk_number": "W15-A4/112/OT.01.2/I/2026",
        "sk_date": "2026-01-28",
        "services": [
            {
                "slug": "informasi-perkara",
                "name": "Informasi Perkara",
                "summary": "Informasi status perkara, jadwal sidang dan prosedur berperkara di Pengadilan Agama.",
                "keywords": "info perkara, cek perkara, jadwal sidang, sipp, status cerai, pengadilan agama, "
                "gugatan, pa",
                "standard": {
                    "requirements": [
                        ("ktp", "Untuk informasi perkara milik pihak berperkara", True),
                    ],
                    "requirements_note": "Sebutkan nomor perkara bila ada.",
                    "procedure": "1. Sampaikan kebutuhan informasi di loket.\n"
                    "2. Petugas memeriksa data perkara pada SIPP.\n"
                    "3. Informasi disampaikan lisan atau dicetak.",
                    "completion_time": 10,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Informasi lisan atau cetak",
                    "legal_basis": "UU 7/1989 jo. UU 3/2006 jo. UU 50/2009 tentang Peradilan Agama\n"
                    "UU 14/2008 tentang Keterbukaan Informasi Publik",
                },
            },
            {
                "slug": "pendampingan-e-court",
                "name": "Pendampingan Pendaftaran Perkara Elektronik (e-Court)",
                "summary": "Bantuan membuat akun dan mendaftarkan gugatan atau permohonan melalui e-Court.",
                "keywords": "e-court, ecourt, daftar cerai, gugat cerai, cerai talak, daftar perkara online, "
                "isbat nikah, dispensasi kawin, waris",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("buku_nikah", "Untuk perkara perceraian", True),
                        ("kk", "", False),
                        ("bukti_pendukung", "Dokumen lain sesuai jenis perkara", True),
                    ],
                    "requirements_note": "Bawa alamat surel dan nomor telepon yang aktif.",
                    "procedure": "1. Petugas membantu membuat akun e-Court.\n"
                    "2. Unggah surat gugatan/permohonan dan dokumen.\n"
                    "3. Terima taksiran panjar biaya dan bayar melalui bank.\n"
                    "4. Perkara terdaftar dan jadwal sidang dikirim secara elektronik.",
                    "completion_time": 60,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Pendampingan tidak dipungut biaya",
                    "fee_note": "Panjar biaya perkara sesuai taksiran Pengadilan Agama; dapat dibebaskan (prodeo) bagi "
                    "yang tidak mampu",
                    "products": [("tanda_terima", "Bukti pendaftaran perkara dengan nomor perkara")],
                    "products_note": "",
                    "legal_basis": "UU 7/1989 jo. UU 3/2006 jo. UU 50/2009 tentang Peradilan Agama\nPerma 7/2022",
                },
            },
            {
                "slug": "informasi-isbat-dispensasi",
                "name": "Informasi Isbat Nikah dan Dispensasi Kawin",
                "summary": "Informasi syarat dan prosedur isbat nikah (pengesahan nikah siri) dan dispensasi kawin.",
                "keywords": "isbat nikah, itsbat, nikah siri, sah nikah, dispensasi kawin, nikah di bawah umur, "
                "nikah muda",
                "standard": {
                    "requirements": [],
                    "requirements_note": "Tidak ada persyaratan untuk memperoleh informasi.",
                    "procedure": "1. Sampaikan pertanyaan di loket.\n"
                    "2. Petugas menjelaskan syarat, prosedur dan perkiraan biaya.\n"
                    "3. Pemohon menerima daftar persyaratan tertulis.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Daftar persyaratan tertulis",
                    "legal_basis": "UU 1/1974 jo. UU 16/2019 tentang Perkawinan\n"
                    "UU 7/1989 jo. UU 3/2006 jo. UU 50/2009 tentang Peradilan Agama",
                },
            },
        ],
    },
    {
        "slug": "kemenag",
        "name": "Kantor Kementerian Agama Kabupaten Kapuas",
        "short_name": "Kemenag Kapuas",
        "kind": "vertikal",
        "description": "Layanan KUA (pendaftaran nikah, duplikat buku nikah), informasi haji dan pendampingan "
        "sertifikasi halal.",
        "sites": ["kapuas", "kapuas-keliling"],
        "counters": ["12"],
        "zone": "Lantai 1",
        "sk_number": "B-0231/Kk.15.02/1/HM.01/01/2026",
        "sk_date": "2026-01-29",
        "services": [
            {
                "slug": "pendaftaran-nikah",
                "name": "Pendaftaran Nikah",
                "summary": "Pendaftaran kehendak nikah bagi calon pengantin muslim untuk dicatat oleh KUA.",
                "keywords": "nikah, daftar nikah, kawin, menikah, kua, buku nikah, kehendak nikah, "
                "catat nikah, rujuk, nikah di kua",
                "standard": {
                    "requirements": [
                        ("pengantar_nikah", "Dari desa/kelurahan tempat tinggal", False),
                        ("ktp", "Fotokopi kedua calon pengantin", False),
                        ("kk", "Fotokopi", False),
                        ("akta_lahir", "Fotokopi", False),
                        ("pas_foto", "2x3 dan 4x6 latar biru", False),
                        (
                            "dispensasi_nikah",
                            "Bila didaftarkan kurang dari 10 hari atau calon di bawah 19 tahun",
                            True,
                        ),
                        ("akta_cerai", "Bagi duda/janda cerai", True),
                        ("akta_kematian", "Bagi duda/janda yang ditinggal mati", True),
                    ],
                    "requirements_note": "Didaftarkan paling lambat 10 hari sebelum akad nikah.",
                    "procedure": "1. Daftar di loket KUA atau melalui simkah.kemenag.go.id.\n"
                    "2. Petugas memeriksa berkas dan data calon pengantin.\n"
                    "3. Bayar PNBP bila akad di luar KUA atau di luar jam kerja.\n"
                    "4. Ikuti bimbingan perkawinan dan akad nikah; buku nikah diserahkan.",
                    "completion_time": 10,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "PP 48/2014 jo. PP 59/2018",
                    "fee_note": "Rp0 bila dilaksanakan di KUA pada jam kerja; Rp600.000 bila di luar KUA atau di luar "
                    "jam kerja (PP 48/2014 jo. PP 59/2018)",
                    "products": [("buku_nikah", "Diserahkan setelah akad nikah")],
                    "products_note": "Setelah menikah, perbarui KK dan KTP-el di loket Disdukcapil.",
                    "legal_basis": "UU 1/1974 jo. UU 16/2019 tentang Perkawinan\nPP 48/2014 jo. PP 59/2018",
                },
            },
            {
                "slug": "duplikat-buku-nikah",
                "name": "Penerbitan Duplikat Buku Nikah",
                "summary": "Penerbitan duplikat buku nikah yang hilang atau rusak.",
                "keywords": "buku nikah hilang, buku nikah rusak, duplikat buku nikah, surat nikah hilang, "
                "ganti buku nikah, kua",
                "standard": {
                    "requirements": [
                        ("sktlk", "Untuk buku nikah yang hilang", True),
                        ("buku_nikah", "Buku nikah yang rusak", True),
                        ("ktp", "Fotokopi suami dan istri", False),
                        ("kk", "Fotokopi", False),
                        ("pas_foto", "2x3 latar biru", False),
                    ],
                    "requirements_note": "Diurus di KUA tempat nikah dicatat; loket MPP menerima dan meneruskan "
                    "berkas.",
                    "procedure": "1. Serahkan berkas di loket Kemenag.\n"
                    "2. Petugas mencocokkan data dengan akta nikah di KUA.\n"
                    "3. Duplikat buku nikah diterbitkan dan diserahkan.",
                    # Assumption: typical KUA SPs promise 1-3 working days.
                    "completion_time": 3,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("buku_nikah", "Duplikat buku nikah")],
                    "products_note": "",
                    "legal_basis": "UU 1/1974 jo. UU 16/2019 tentang Perkawinan",
                },
            },
            {
                "slug": "informasi-haji",
                "name": "Informasi Haji dan Umrah",
                "summary": "Informasi pendaftaran haji reguler, nomor porsi dan estimasi keberangkatan, serta "
                "penyelenggara umrah berizin.",
                "keywords": "haji, daftar haji, porsi haji, antrean haji, estimasi keberangkatan, umrah, umroh, "
                "pelunasan haji",
                "standard": {
                    "requirements": [
                        ("bukti_setoran_haji", "Untuk cek nomor porsi", True),
                        ("ktp", "", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan pertanyaan di loket Kemenag.\n"
                    "2. Petugas memeriksa data porsi di Siskohat bila diperlukan.\n"
                    "3. Informasi disampaikan lisan atau dicetak.",
                    "completion_time": 10,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Informasi lisan atau cetak",
                    "legal_basis": "UU 8/2019 tentang Penyelenggaraan Ibadah Haji dan Umrah",
                },
            },
            {
                "slug": "layanan-halal",
                "name": "Pendampingan Sertifikasi Halal",
                "summary": "Konsultasi dan bantuan pendaftaran sertifikasi halal melalui SIHALAL bagi pelaku usaha.",
                "keywords": "halal, sertifikat halal, label halal, daftar halal, umkm halal, self declare, "
                "sehati, bpjph",
                "standard": {
                    "requirements": [
                        ("nib", "", False),
                        ("ktp", "Pemilik usaha", False),
                    ],
                    "requirements_note": "Bawa daftar bahan dan proses produksi.",
                    "procedure": "1. Konsultasi jenis skema (reguler atau self declare).\n"
                    "2. Petugas membantu membuat akun SIHALAL.\n"
                    "3. Isi data usaha, produk dan bahan, lalu kirim permohonan.\n"
                    "4. Permohonan diproses BPJPH sampai sertifikat terbit.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Pendampingan tidak dipungut biaya",
                    "fee_note": "Biaya sertifikasi sesuai tarif BPJPH; skema self declare dapat gratis melalui "
                    "program fasilitasi",
                    "products": [],
                    "products_note": "Permohonan terkirim di SIHALAL; sertifikat halal diterbitkan BPJPH",
                    "legal_basis": "UU 33/2014 tentang Jaminan Produk Halal\nPP 39/2021",
                },
            },
        ],
    },
    {
        # Assumption: Kapuas is served by KPP Pratama Palangka Raya through its KP2KP in Kuala Kapuas.
        "slug": "kpp-pratama",
        "name": "Kantor Pelayanan Pajak Pratama Palangka Raya",
        "short_name": "KPP Pratama",
        "kind": "vertikal",
        "description": "Pojok pajak Direktorat Jenderal Pajak: pendaftaran NPWP, aktivasi akun Coretax, dan "
        "bantuan pengisian SPT Tahunan.",
        "sites": ["kapuas"],
        "counters": ["13"],
        "zone": "Lantai 2",
        "sk_number": "KEP-07/KPP.1602/2026",
        "sk_date": "2026-02-02",
        "services": [
            {
                "slug": "npwp",
                "name": "Pendaftaran NPWP",
                "summary": "Pendaftaran NPWP bagi orang pribadi, badan, atau cabang; bagi penduduk, NIK "
                "berfungsi sebagai NPWP.",
                "keywords": "npwp, bikin npwp, daftar npwp, kartu npwp, nomor pajak, nik npwp, pemadanan nik, "
                "pajak",
                "standard": {
                    "requirements": [
                        ("ktp", "Untuk wajib pajak orang pribadi", False),
                        ("nib", "Untuk wajib pajak badan atau usaha", True),
                    ],
                    "requirements_note": "Wajib pajak badan melampirkan akta pendirian dan identitas pengurus.",
                    "procedure": "1. Isi formulir pendaftaran di loket atau melalui Coretax DJP.\n"
                    "2. Petugas meneliti kelengkapan data.\n"
                    "3. NPWP diterbitkan dan dikirim secara elektronik.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("npwp", "Kartu atau surat keterangan terdaftar elektronik")],
                    "products_note": "",
                    "legal_basis": "UU 6/1983 tentang KUP sebagaimana terakhir diubah UU 7/2021 (HPP)\n"
                    "PMK 112/PMK.03/2022",
                },
            },
            {
                "slug": "bantuan-spt",
                "name": "Bantuan Pengisian SPT Tahunan",
                "summary": "Asistensi pengisian dan penyampaian SPT Tahunan PPh orang pribadi secara elektronik.",
                "keywords": "spt, lapor spt, spt tahunan, lapor pajak, efiling, e-filing, pajak tahunan, coretax, "
                "bukti potong",
                "standard": {
                    "requirements": [
                        ("npwp", "Atau NIK yang sudah dipadankan", False),
                        ("bukti_potong", "Bagi karyawan", True),
                    ],
                    "requirements_note": "Bawa telepon genggam dengan surel dan nomor telepon yang terdaftar.",
                    "procedure": "1. Petugas membantu masuk ke akun Coretax DJP.\n"
                    "2. Isi SPT berdasarkan bukti potong dan data harta.\n"
                    "3. Kirim SPT dan simpan bukti penerimaan elektronik.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("bpe", "")],
                    "products_note": "",
                    "legal_basis": "UU 6/1983 tentang KUP sebagaimana terakhir diubah UU 7/2021 (HPP)",
                },
            },
            {
                "slug": "aktivasi-coretax",
                "name": "Aktivasi Akun Coretax dan Lupa Kata Sandi",
                "summary": "Bantuan aktivasi akun wajib pajak di Coretax DJP dan pemulihan kata sandi.",
                "keywords": "coretax, aktivasi akun pajak, lupa password pajak, efin, lupa efin, akun djp, djp online",
                "standard": {
                    "requirements": [("ktp", "Wajib pajak datang sendiri", False)],
                    "requirements_note": "Bawa telepon genggam dengan surel dan nomor telepon aktif.",
                    "procedure": "1. Petugas memverifikasi identitas wajib pajak.\n"
                    "2. Surel dan nomor telepon diperbarui bila perlu.\n"
                    "3. Tautan aktivasi atau kata sandi baru dikirim ke surel.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Akun Coretax aktif",
                    "legal_basis": "UU 6/1983 tentang KUP sebagaimana terakhir diubah UU 7/2021 (HPP)",
                },
            },
        ],
    },
    {
        # Assumption: BPJS is a public legal body, not a BUMN; "vertikal" is the closest kind in the model.
        "slug": "bpjs-kesehatan",
        "name": "BPJS Kesehatan Kabupaten Kapuas",
        "short_name": "BPJS Kesehatan",
        "kind": "vertikal",
        "description": "Layanan kepesertaan Jaminan Kesehatan Nasional (JKN): pendaftaran, bayi baru lahir, "
        "perubahan data dan informasi.",
        "sites": ["kapuas", "kapuas-keliling"],
        "counters": ["14"],
        "zone": "Lantai 2",
        "sk_number": "1021/KC-PKY/0126",
        "sk_date": "2026-01-30",
        "services": [
            {
                "slug": "pendaftaran-peserta",
                "name": "Pendaftaran Peserta JKN Mandiri",
                "summary": "Pendaftaran peserta JKN pekerja bukan penerima upah dan bukan pekerja beserta "
                "anggota keluarga dalam satu KK.",
                "keywords": "daftar bpjs, bpjs mandiri, bikin bpjs, kartu bpjs, jkn, kis, bpjs kesehatan, "
                "asuransi kesehatan, kartu berobat",
                "standard": {
                    "requirements": [
                        ("ktp", "Seluruh anggota keluarga yang didaftarkan", False),
                        ("kk", "", False),
                        ("buku_tabungan", "Untuk pendebetan iuran otomatis", True),
                    ],
                    "requirements_note": "Seluruh anggota keluarga dalam KK wajib didaftarkan.",
                    "procedure": "1. Isi formulir daftar isian peserta di loket.\n"
                    "2. Petugas memverifikasi NIK dengan data Dukcapil.\n"
                    "3. Pilih kelas dan fasilitas kesehatan tingkat pertama.\n"
                    "4. Bayar iuran pertama melalui virtual account; kartu aktif.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Pendaftaran tidak dipungut biaya",
                    "fee_note": "Iuran bulanan sesuai kelas perawatan yang dipilih (Perpres 64/2020)",
                    "products": [("kartu_jkn", "Kartu digital di aplikasi Mobile JKN")],
                    "products_note": "",
                    "legal_basis": "UU 40/2004 tentang SJSN\nUU 24/2011 tentang BPJS\nPerpres 82/2018 jo. "
                    "Perpres 64/2020 jo. Perpres 59/2024",
                },
            },
            {
                "slug": "pendaftaran-bayi",
                "name": "Pendaftaran Bayi Baru Lahir",
                "summary": "Pendaftaran bayi dari peserta JKN paling lambat 28 hari sejak lahir.",
                "keywords": "bpjs bayi, daftar bayi, bayi baru lahir, bpjs anak, tambah anggota bpjs, jkn bayi, "
                "kelahiran",
                "standard": {
                    "requirements": [
                        ("kartu_jkn", "Kartu JKN ibu", False),
                        ("sk_lahir", "", False),
                        (
                            "kk",
                            "KK orang tua; bila bayi belum tercantum, dilengkapi paling lambat 3 bulan",
                            False,
                        ),
                    ],
                    "requirements_note": "Didaftarkan paling lambat 28 hari sejak lahir; lewat dari itu iuran "
                    "dihitung sejak bayi lahir.",
                    "procedure": "1. Serahkan berkas di loket BPJS Kesehatan.\n"
                    "2. Petugas mendaftarkan bayi sebagai anggota keluarga peserta.\n"
                    "3. Bayar iuran pertama bila peserta mandiri; kartu bayi aktif.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Pendaftaran tidak dipungut biaya",
                    "fee_note": "Iuran bulanan sesuai kelas orang tua bagi peserta mandiri",
                    "products": [("kartu_jkn", "Kartu JKN bayi")],
                    "products_note": "",
                    "legal_basis": "UU 24/2011 tentang BPJS\nPerpres 82/2018 Pasal 16",
                },
            },
            {
                "slug": "perubahan-data",
                "name": "Perubahan Data Peserta JKN",
                "summary": "Perubahan alamat, fasilitas kesehatan, kelas rawat, nomor telepon atau data "
                "keluarga peserta JKN.",
                "keywords": "ubah data bpjs, pindah faskes, ganti faskes, ganti kelas bpjs, turun kelas, "
                "ganti alamat bpjs, update bpjs, jkn",
                "standard": {
                    "requirements": [
                        ("kartu_jkn", "", False),
                        ("ktp", "", False),
                        ("kk", "Untuk perubahan data keluarga", True),
                    ],
                    "requirements_note": "Pindah faskes dapat dilakukan setelah 3 bulan terdaftar di faskes lama.",
                    "procedure": "1. Sampaikan perubahan yang diminta di loket.\n"
                    "2. Petugas memverifikasi identitas dan dokumen.\n"
                    "3. Data diperbarui dan berlaku sesuai ketentuan.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("kartu_jkn", "Data peserta yang diperbarui")],
                    "products_note": "",
                    "legal_basis": "UU 24/2011 tentang BPJS\nPerpres 82/2018 jo. Perpres 64/2020 jo. Perpres 59/2024",
                },
            },
            {
                "slug": "informasi-pengaduan",
                "name": "Informasi dan Pengaduan JKN",
                "summary": "Informasi status kepesertaan, tunggakan iuran dan penanganan pengaduan layanan JKN.",
                "keywords": "cek bpjs, bpjs tidak aktif, tunggakan bpjs, denda bpjs, aduan bpjs, bpjs nonaktif, "
                "pbi, kis",
                "standard": {
                    "requirements": [("kartu_jkn", "Atau NIK peserta", True)],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan pertanyaan atau pengaduan di loket.\n"
                    "2. Petugas memeriksa data kepesertaan.\n"
                    "3. Informasi diberikan atau pengaduan dicatat untuk ditindaklanjuti.",
                    "completion_time": 10,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Informasi lisan atau nomor tiket pengaduan",
                    "legal_basis": "UU 24/2011 tentang BPJS",
                },
            },
        ],
    },
    {
        # Assumption: as for BPJS Kesehatan, "vertikal" is the closest kind.
        "slug": "bpjs-ketenagakerjaan",
        "name": "BPJS Ketenagakerjaan Kabupaten Kapuas",
        "short_name": "BPJS Ketenagakerjaan",
        "kind": "vertikal",
        "description": "Pendaftaran peserta jaminan sosial ketenagakerjaan (JKK, JKM, JHT) dan informasi klaim.",
        "sites": ["kapuas"],
        "counters": ["15"],
        "zone": "Lantai 2",
        "sk_number": "KEP/09/012026",
        "sk_date": "2026-01-30",
        "services": [
            {
                "slug": "pendaftaran-peserta",
                "name": "Pendaftaran Peserta Bukan Penerima Upah (BPU)",
                "summary": "Pendaftaran pekerja mandiri (petani, nelayan, pedagang, ojek, dan lain-lain) ke program "
                "BPJS Ketenagakerjaan.",
                "keywords": "bpjs ketenagakerjaan, bpjs tk, jamsostek, daftar bpjs tk, bpu, pekerja mandiri, "
                "petani, nelayan, ojek, asuransi kerja",
                "standard": {
                    "requirements": [("ktp", "", False)],
                    "requirements_note": "Bawa nomor telepon yang aktif.",
                    "procedure": "1. Isi formulir pendaftaran di loket.\n"
                    "2. Pilih program (JKK, JKM, dan JHT bila diinginkan).\n"
                    "3. Bayar iuran pertama; kartu peserta terbit.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Pendaftaran tidak dipungut biaya",
                    "fee_note": "Iuran bulanan sesuai program dan penghasilan yang dilaporkan",
                    "products": [("kartu_bpjstk", "Kartu digital di aplikasi JMO")],
                    "products_note": "",
                    "legal_basis": "UU 40/2004 tentang SJSN\nUU 24/2011 tentang BPJS\nPP 44/2015\nPP 46/2015",
                },
            },
            {
                "slug": "pendaftaran-perusahaan",
                "name": "Pendaftaran Perusahaan dan Pekerja Penerima Upah",
                "summary": "Pendaftaran badan usaha beserta pekerjanya ke program BPJS Ketenagakerjaan.",
                "keywords": "daftar perusahaan bpjs, bpjs karyawan, pekerja penerima upah, ppu, bpjs tk perusahaan",
                "standard": {
                    "requirements": [
                        ("nib", "", False),
                        ("npwp", "NPWP badan usaha", False),
                        ("ktp", "Daftar NIK pekerja", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Isi formulir pendaftaran perusahaan dan daftar pekerja.\n"
                    "2. Petugas memverifikasi data dan menerbitkan nomor pendaftaran perusahaan.\n"
                    "3. Bayar iuran pertama; kartu peserta pekerja terbit.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Pendaftaran tidak dipungut biaya",
                    "fee_note": "Iuran sesuai program dan upah pekerja",
                    "products": [("kartu_bpjstk", "Kartu peserta untuk setiap pekerja")],
                    "products_note": "",
                    "legal_basis": "UU 24/2011 tentang BPJS\nPP 44/2015\nPP 46/2015",
                },
            },
            {
                "slug": "informasi-klaim-jht",
                "name": "Informasi Klaim Jaminan Hari Tua (JHT)",
                "summary": "Informasi syarat dan bantuan pengajuan klaim JHT secara daring.",
                "keywords": "klaim jht, cairkan bpjs, pencairan jht, ambil jht, saldo jht, jamsostek, "
                "berhenti kerja, resign, phk",
                "standard": {
                    "requirements": [
                        ("kartu_bpjstk", "", False),
                        ("ktp", "", False),
                        ("kk", "", False),
                        ("paklaring", "Untuk klaim karena berhenti bekerja", True),
                        ("buku_tabungan", "Rekening atas nama peserta", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Petugas memeriksa saldo dan kelayakan klaim.\n"
                    "2. Petugas membantu pengajuan melalui aplikasi JMO atau Lapak Asik.\n"
                    "3. Peserta mengikuti wawancara daring bila diminta; dana ditransfer ke rekening.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "Bukti pengajuan klaim")],
                    "products_note": "",
                    "legal_basis": "UU 24/2011 tentang BPJS\nPP 46/2015 tentang Program JHT",
                },
            },
        ],
    },
    {
        "slug": "dpmptsp",
        "name": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Kapuas",
        "short_name": "DPMPTSP",
        "kind": "pemda",
        "description": "Pengelola MPP Kabupaten Kapuas: perizinan berusaha melalui OSS-RBA, PBG, konsultasi "
        "perizinan dan pengaduan layanan MPP.",
        "sites": ["kapuas", "kapuas-keliling"],
        "counters": ["16", "17"],
        "zone": "Lantai 1",
        "sk_number": "500.16.7/012/DPMPTSP/2026",
        "sk_date": "2026-01-12",
        "services": [
            {
                "slug": "nib",
                "name": "Penerbitan Nomor Induk Berusaha (NIB) melalui OSS-RBA",
                "summary": "Pendampingan pendaftaran usaha dan penerbitan NIB melalui OSS berbasis risiko.",
                "keywords": "nib, izin usaha, bikin izin usaha, oss, oss rba, daftar usaha, umkm, siup, "
                "izin dagang, usaha mikro, tdp",
                "standard": {
                    "requirements": [
                        ("ktp", "NIK pemilik usaha", False),
                        ("npwp", "Bila ada; NIK dapat digunakan", True),
                    ],
                    "requirements_note": "Bawa surel aktif, nomor telepon, dan keterangan kegiatan usaha untuk "
                    "memilih KBLI.",
                    "procedure": "1. Petugas membantu membuat akun OSS.\n"
                    "2. Isi data usaha dan pilih KBLI.\n"
                    "3. Sistem menentukan tingkat risiko usaha.\n"
                    "4. NIB terbit dan dapat diunduh; risiko menengah/tinggi melanjutkan pemenuhan syarat.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [
                        ("nib", "Sekaligus Sertifikat Standar pernyataan mandiri bila risikonya sesuai")
                    ],
                    "products_note": "",
                    "legal_basis": "UU 6/2023 tentang Penetapan Perppu Cipta Kerja\nPP 28/2025",
                },
            },
            {
                "slug": "pbg",
                "name": "Persetujuan Bangunan Gedung (PBG)",
                "summary": "Penerimaan dan pendampingan permohonan PBG melalui SIMBG untuk membangun atau "
                "mengubah bangunan gedung.",
                "keywords": "pbg, imb, izin bangun, izin mendirikan bangunan, izin rumah, bangun rumah, simbg, "
                "izin bangunan, renovasi",
                "standard": {
                    "requirements": [
                        ("ktp", "Pemilik bangunan", False),
                        ("sertipikat", "Atau bukti penguasaan tanah lain", False),
                        ("rencana_teknis", "Sesuai fungsi dan kompleksitas bangunan", False),
                        ("krk", "Bila diminta", True),
                        ("nib", "Untuk bangunan usaha", True),
                    ],
                    "requirements_note": "Konsultasi teknis dilakukan dengan Dinas PUPR melalui SIMBG.",
                    "procedure": "1. Daftar dan unggah dokumen di SIMBG.\n"
                    "2. Konsultasi teknis dengan tim profesi ahli/penilai teknis.\n"
                    "3. Penetapan nilai retribusi dan pembayaran.\n"
                    "4. PBG diterbitkan dan dapat diunduh.",
                    # Assumption: typical SP time for PBG after a complete file.
                    "completion_time": 28,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "UU 1/2022 tentang HKPD dan Perda Kabupaten Kapuas tentang Pajak Daerah dan "
                    "Retribusi Daerah",
                    "fee_note": "Retribusi PBG dihitung dalam SIMBG sesuai luas, fungsi dan kompleksitas bangunan",
                    "products": [("pbg", "")],
                    "products_note": "",
                    "legal_basis": "UU 28/2002 tentang Bangunan Gedung jo. UU 6/2023\nPP 16/2021",
                },
            },
            {
                "slug": "konsultasi-perizinan",
                "name": "Konsultasi Perizinan dan Penanaman Modal",
                "summary": "Konsultasi jenis izin, persyaratan dan alur perizinan berusaha maupun non-berusaha.",
                "keywords": "konsultasi izin, tanya izin, izin usaha apa, investasi, penanaman modal, perizinan, "
                "oss, kbli",
                "standard": {
                    "requirements": [],
                    "requirements_note": "Tidak ada persyaratan.",
                    "procedure": "1. Sampaikan rencana usaha atau kegiatan di loket.\n"
                    "2. Petugas menjelaskan jenis izin, syarat dan alurnya.\n"
                    "3. Pemohon menerima daftar persyaratan.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Informasi lisan dan daftar persyaratan",
                    "legal_basis": "UU 6/2023 tentang Penetapan Perppu Cipta Kerja\nPP 28/2025\nPerpres 89/2021",
                },
            },
            {
                "slug": "pengaduan-layanan-mpp",
                "name": "Pengaduan Layanan MPP",
                "summary": "Penerimaan pengaduan, saran dan masukan atas layanan di MPP Kabupaten Kapuas, "
                "terhubung ke SP4N-LAPOR!.",
                "keywords": "pengaduan, komplain, keluhan, aduan, lapor, saran, kritik, lapor.go.id, sp4n lapor",
                "standard": {
                    "requirements": [
                        ("ktp", "Identitas pelapor dirahasiakan", False),
                        ("bukti_pendukung", "Bila ada", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan pengaduan di loket pengaduan atau melalui SP4N-LAPOR!.\n"
                    "2. Petugas mencatat pengaduan dan memberikan tanda terima.\n"
                    "3. Pengaduan diteruskan kepada instansi terkait.\n"
                    "4. Pelapor menerima jawaban tindak lanjut.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "Dengan nomor pengaduan")],
                    "products_note": "Tindak lanjut disampaikan sesuai tenggat SP4N-LAPOR!.",
                    "legal_basis": "UU 25/2009 tentang Pelayanan Publik\nPerpres 76/2013\nPermenPAN-RB 62/2018\n"
                    "Perpres 89/2021",
                },
            },
        ],
    },
    {
        "slug": "bapenda",
        "name": "Badan Pendapatan Daerah Kabupaten Kapuas",
        "short_name": "Bapenda Kapuas",
        "kind": "pemda",
        "description": "Layanan pajak daerah Kabupaten Kapuas: PBB-P2 dan BPHTB.",
        "sites": ["kapuas", "kapuas-keliling"],
        "counters": ["18"],
        "zone": "Lantai 1",
        "sk_number": "900.1/027/BAPENDA/2026",
        "sk_date": "2026-01-19",
        "services": [
            {
                "slug": "pbb-p2",
                "name": "Pembayaran dan Informasi PBB-P2",
                "summary": "Informasi tagihan dan pembayaran Pajak Bumi dan Bangunan Perdesaan dan Perkotaan.",
                "keywords": "pbb, bayar pbb, pajak tanah, pajak rumah, pajak bumi bangunan, sppt, tunggakan pbb, "
                "cek pbb",
                "standard": {
                    "requirements": [("sppt_pbb", "Atau sebutkan NOP", False)],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan NOP atau SPPT di loket.\n"
                    "2. Petugas menampilkan tagihan dan tunggakan.\n"
                    "3. Bayar melalui bank atau kanal pembayaran; bukti bayar diserahkan.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "UU 1/2022 tentang HKPD dan Perda Kabupaten Kapuas tentang Pajak Daerah dan "
                    "Retribusi Daerah",
                    "fee_note": "PBB-P2 sesuai SPPT",
                    "products": [("bukti_bayar_pbb", "")],
                    "products_note": "",
                    "legal_basis": "UU 1/2022 tentang HKPD",
                },
            },
            {
                "slug": "pbb-p2-mutasi",
                "name": "Pendaftaran dan Mutasi Objek PBB-P2",
                "summary": "Pendaftaran objek pajak baru, balik nama SPPT, serta pemecahan atau penggabungan objek.",
                "keywords": "balik nama pbb, balik nama sppt, mutasi pbb, pecah pbb, sppt baru, daftar pbb, "
                "pbb atas nama",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("sertipikat", "Atau bukti kepemilikan tanah lain", False),
                        ("akta_ppat", "Untuk balik nama karena peralihan hak", True),
                        ("bukti_bayar_pbb", "Tahun terakhir, untuk objek lama", True),
                        ("form", "Surat Pemberitahuan Objek Pajak (SPOP)", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Isi SPOP dan serahkan berkas di loket.\n"
                    "2. Petugas meneliti berkas dan, bila perlu, meninjau lapangan.\n"
                    "3. Data objek pajak diperbarui dan SPPT diterbitkan.",
                    # Assumption: typical local SP time.
                    "completion_time": 7,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("sppt_pbb", "SPPT atas nama wajib pajak baru")],
                    "products_note": "",
                    "legal_basis": "UU 1/2022 tentang HKPD",
                },
            },
            {
                "slug": "bphtb",
                "name": "Validasi Bea Perolehan Hak atas Tanah dan Bangunan (BPHTB)",
                "summary": "Penelitian dan validasi setoran BPHTB atas jual beli, hibah, waris atau perolehan hak lain.",
                "keywords": "bphtb, pajak jual beli tanah, pajak beli rumah, validasi bphtb, pajak waris, "
                "hibah tanah, balik nama sertifikat",
                "standard": {
                    "requirements": [
                        ("akta_ppat", "", False),
                        ("sertipikat", "Fotokopi", False),
                        ("sppt_pbb", "Fotokopi tahun berjalan", False),
                        ("bukti_bayar_pbb", "", False),
                        ("ktp", "Pihak yang memperoleh hak", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Serahkan SSPD BPHTB dan berkas di loket.\n"
                    "2. Petugas meneliti nilai perolehan objek pajak.\n"
                    "3. Bayar BPHTB melalui bank.\n"
                    "4. SSPD BPHTB divalidasi dan diserahkan.",
                    # Assumption: typical local SP time.
                    "completion_time": 3,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "UU 1/2022 tentang HKPD dan Perda Kabupaten Kapuas tentang Pajak Daerah dan "
                    "Retribusi Daerah",
                    "fee_note": "BPHTB sesuai tarif Perda (paling tinggi 5% menurut UU 1/2022) dari NPOP dikurangi "
                    "NPOPTKP",
                    "products": [("sspd_bphtb", "Telah divalidasi")],
                    "products_note": "",
                    "legal_basis": "UU 1/2022 tentang HKPD",
                },
            },
            {
                "slug": "pengurangan-keberatan-pbb",
                "name": "Permohonan Pengurangan atau Keberatan PBB-P2",
                "summary": "Penerimaan permohonan pengurangan, keberatan atau pembetulan SPPT PBB-P2.",
                "keywords": "keberatan pbb, pbb mahal, pengurangan pbb, keringanan pbb, pembetulan sppt, "
                "sppt salah",
                "standard": {
                    "requirements": [
                        ("sppt_pbb", "", False),
                        ("ktp", "", False),
                        ("form", "Surat permohonan dengan alasan", False),
                        ("bukti_pendukung", "Bukti yang mendukung alasan permohonan", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Serahkan surat permohonan dan berkas di loket.\n"
                    "2. Petugas meneliti berkas dan memberikan tanda terima.\n"
                    "3. Bapenda meneliti dan menerbitkan keputusan.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "")],
                    "products_note": "Keputusan atas permohonan disampaikan sesuai ketentuan Perda.",
                    "legal_basis": "UU 1/2022 tentang HKPD",
                },
            },
        ],
    },
    {
        "slug": "dishub",
        "name": "Dinas Perhubungan Kabupaten Kapuas",
        "short_name": "Dishub Kapuas",
        "kind": "pemda",
        "description": "Pendaftaran uji berkala kendaraan (KIR), rekomendasi perizinan angkutan, dan informasi "
        "angkutan sungai.",
        "sites": ["kapuas"],
        "counters": ["19"],
        "zone": "Lantai 1",
        "sk_number": "500.11/018/DISHUB/2026",
        "sk_date": "2026-01-21",
        "services": [
            {
                # Assumption: the vehicle test itself takes place at the Dishub testing unit, not in the hall.
                "slug": "uji-kir",
                "name": "Pendaftaran Uji Berkala Kendaraan Bermotor (Uji KIR)",
                "summary": "Pendaftaran uji berkala pertama atau perpanjangan untuk mobil barang, mobil penumpang "
                "umum dan bus.",
                "keywords": "kir, uji kir, buku kir, perpanjang kir, blue, uji berkala, kendaraan angkutan, "
                "pick up, truk, angkot",
                "standard": {
                    "requirements": [
                        ("stnk", "Fotokopi", False),
                        ("ktp", "Fotokopi pemilik", False),
                        ("blue", "Untuk perpanjangan", True),
                        ("surat_kuasa", "Bila diwakilkan", True),
                    ],
                    "requirements_note": "Kendaraan dibawa ke unit pengujian pada jadwal yang ditentukan.",
                    "procedure": "1. Daftar dan serahkan berkas di loket Dishub.\n"
                    "2. Bayar retribusi pengujian.\n"
                    "3. Kendaraan diuji di unit pengujian sesuai jadwal.\n"
                    "4. Kendaraan yang lulus menerima BLUe dan tanda uji.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "UU 1/2022 tentang HKPD dan Perda Kabupaten Kapuas tentang Pajak Daerah dan "
                    "Retribusi Daerah",
                    "fee_note": "Retribusi pengujian kendaraan sesuai Perda, menurut jenis kendaraan",
                    "products": [("blue", "Berlaku 6 bulan")],
                    "products_note": "",
                    "legal_basis": "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan\nPP 55/2012 tentang Kendaraan",
                },
            },
            {
                "slug": "rekomendasi-angkutan",
                "name": "Rekomendasi Izin Penyelenggaraan Angkutan",
                "summary": "Rekomendasi teknis untuk izin angkutan orang atau barang dan angkutan sungai.",
                "keywords": "izin trayek, izin angkutan, rekomendasi angkutan, angkot, travel, angkutan barang, "
                "speedboat, klotok, perahu",
                "standard": {
                    "requirements": [
                        ("nib", "", False),
                        ("stnk", "Fotokopi, untuk setiap kendaraan", False),
                        ("blue", "Untuk kendaraan bermotor umum", True),
                        ("ktp", "Penanggung jawab usaha", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Serahkan permohonan dan berkas di loket Dishub.\n"
                    "2. Petugas meneliti berkas dan, bila perlu, memeriksa kendaraan.\n"
                    "3. Rekomendasi diterbitkan untuk proses izin lebih lanjut.",
                    # Assumption: typical local SP time.
                    "completion_time": 3,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "Surat rekomendasi")],
                    "products_note": "",
                    "legal_basis": "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan\nUU 17/2008 tentang Pelayaran",
                },
            },
            {
                "slug": "informasi-angkutan",
                "name": "Informasi Angkutan Umum dan Angkutan Sungai",
                "summary": "Informasi trayek, jadwal dan tarif angkutan umum darat dan angkutan sungai di Kapuas.",
                "keywords": "jadwal kapal, jadwal speedboat, klotok, angkutan sungai, dermaga, bus, travel, "
                "trayek, tarif angkutan",
                "standard": {
                    "requirements": [],
                    "requirements_note": "Tidak ada persyaratan.",
                    "procedure": "1. Sampaikan pertanyaan di loket Dishub.\n2. Petugas memberikan informasi.",
                    "completion_time": 5,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Informasi lisan atau cetak",
                    "legal_basis": "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan\nUU 17/2008 tentang Pelayaran",
                },
            },
        ],
    },
    {
        # Assumption: OPD nomenclature; the labour office may be merged with another affair in Kapuas.
        "slug": "disnaker",
        "name": "Dinas Tenaga Kerja Kabupaten Kapuas",
        "short_name": "Disnaker Kapuas",
        "kind": "pemda",
        "description": "Kartu pencari kerja (AK-1), wajib lapor ketenagakerjaan perusahaan, dan konsultasi "
        "hubungan industrial.",
        "sites": ["kapuas", "kapuas-keliling"],
        "counters": ["20"],
        "zone": "Lantai 2",
        "sk_number": "500.15/022/DISNAKER/2026",
        "sk_date": "2026-01-23",
        "services": [
            {
                "slug": "kartu-ak1",
                "name": "Penerbitan Kartu Pencari Kerja (AK-1)",
                "summary": "Penerbitan kartu kuning bagi pencari kerja untuk melamar pekerjaan.",
                "keywords": "kartu kuning, ak1, ak-1, kartu pencari kerja, cari kerja, lamar kerja, pencaker, "
                "loker",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("ijazah", "Fotokopi", False),
                        ("pas_foto", "3x4, 2 lembar", False),
                    ],
                    "requirements_note": "Dapat didaftarkan lebih dahulu melalui portal SIAPkerja.",
                    "procedure": "1. Isi data pencari kerja di loket atau secara daring.\n"
                    "2. Petugas memverifikasi data dan dokumen.\n"
                    "3. Kartu AK-1 dicetak dan diserahkan.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("kartu_ak1", "Berlaku 2 tahun, lapor setiap 6 bulan")],
                    "products_note": "",
                    "legal_basis": "UU 13/2003 tentang Ketenagakerjaan jo. UU 6/2023\nPermenaker 39/2016",
                },
            },
            {
                "slug": "wajib-lapor-ketenagakerjaan",
                "name": "Bantuan Wajib Lapor Ketenagakerjaan di Perusahaan (WLKP)",
                "summary": "Pendampingan perusahaan melaporkan data ketenagakerjaan secara daring.",
                "keywords": "wlkp, wajib lapor, lapor ketenagakerjaan, data pekerja, perusahaan, laporan perusahaan",
                "standard": {
                    "requirements": [
                        ("nib", "", False),
                        ("ktp", "Penanggung jawab perusahaan", False),
                    ],
                    "requirements_note": "Bawa data jumlah pekerja dan surel perusahaan.",
                    "procedure": "1. Petugas membantu membuat akun WLKP.\n"
                    "2. Isi data perusahaan dan pekerja.\n"
                    "3. Kirim laporan dan unduh bukti lapor.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "Bukti lapor WLKP")],
                    "products_note": "",
                    "legal_basis": "UU 7/1981 tentang Wajib Lapor Ketenagakerjaan di Perusahaan",
                },
            },
            {
                "slug": "konsultasi-hubungan-industrial",
                "name": "Konsultasi dan Pengaduan Hubungan Industrial",
                "summary": "Konsultasi dan pengaduan perselisihan kerja, upah, PHK dan pesangon.",
                "keywords": "phk, pesangon, gaji tidak dibayar, upah, perselisihan kerja, mediasi, thr, "
                "kontrak kerja, buruh",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("bukti_pendukung", "Perjanjian kerja, slip gaji atau surat PHK, bila ada", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan permasalahan di loket Disnaker.\n"
                    "2. Petugas memberikan penjelasan hak dan kewajiban.\n"
                    "3. Bila perlu, pengaduan dicatat untuk mediasi oleh mediator hubungan industrial.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "Bila pengaduan dicatat")],
                    "products_note": "",
                    "legal_basis": "UU 13/2003 tentang Ketenagakerjaan jo. UU 6/2023\nUU 2/2004 tentang "
                    "Penyelesaian Perselisihan Hubungan Industrial",
                },
            },
        ],
    },
    {
        "slug": "dinkes",
        "name": "Dinas Kesehatan Kabupaten Kapuas",
        "short_name": "Dinkes Kapuas",
        "kind": "pemda",
        "description": "Penerbitan Surat Izin Praktik (SIP) tenaga medis dan tenaga kesehatan.",
        "sites": ["kapuas"],
        "counters": ["21"],
        "zone": "Lantai 2",
        "sk_number": "400.7/031/DINKES/2026",
        "sk_date": "2026-01-26",
        "services": [
            {
                "slug": "sip-dokter",
                "name": "Surat Izin Praktik Dokter dan Dokter Gigi",
                "summary": "Penerbitan SIP bagi dokter, dokter spesialis, dokter gigi dan dokter gigi spesialis.",
                "keywords": "sip dokter, izin praktik dokter, izin praktek, sip drg, dokter gigi, praktik mandiri, "
                "klinik",
                "standard": {
                    "requirements": [
                        ("str", "", False),
                        ("sk_tempat_praktik", "", False),
                        ("ktp", "", False),
                        ("pas_foto", "4x6, latar merah", False),
                    ],
                    "requirements_note": "SIP berlaku untuk satu tempat praktik.",
                    "procedure": "1. Ajukan permohonan dan unggah berkas.\n"
                    "2. Petugas memverifikasi berkas dan, bila perlu, tempat praktik.\n"
                    "3. SIP diterbitkan dengan tanda tangan elektronik.",
                    # Assumption: typical local SP time.
                    "completion_time": 5,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("sip", "Berlaku 5 tahun")],
                    "products_note": "",
                    "legal_basis": "UU 17/2023 tentang Kesehatan\nPP 28/2024",
                },
            },
            {
                "slug": "sip-bidan",
                "name": "Surat Izin Praktik Bidan",
                "summary": "Penerbitan SIP bagi bidan di fasilitas kesehatan atau praktik mandiri.",
                "keywords": "sip bidan, izin praktik bidan, izin praktek bidan, bidan mandiri, pmb",
                "standard": {
                    "requirements": [
                        ("str", "", False),
                        ("sk_tempat_praktik", "", False),
                        ("ktp", "", False),
                        ("pas_foto", "4x6, latar merah", False),
                    ],
                    "requirements_note": "SIP berlaku untuk satu tempat praktik.",
                    "procedure": "1. Ajukan permohonan dan unggah berkas.\n"
                    "2. Petugas memverifikasi berkas dan, bila perlu, tempat praktik.\n"
                    "3. SIP diterbitkan dengan tanda tangan elektronik.",
                    # Assumption: typical local SP time.
                    "completion_time": 5,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("sip", "Berlaku 5 tahun")],
                    "products_note": "",
                    "legal_basis": "UU 17/2023 tentang Kesehatan\nPP 28/2024",
                },
            },
            {
                "slug": "sip-perawat",
                "name": "Surat Izin Praktik Perawat",
                "summary": "Penerbitan SIP bagi perawat di fasilitas kesehatan atau praktik mandiri.",
                "keywords": "sip perawat, izin praktik perawat, izin praktek perawat, ners, perawat mandiri",
                "standard": {
                    "requirements": [
                        ("str", "", False),
                        ("sk_tempat_praktik", "", False),
                        ("ktp", "", False),
                        ("pas_foto", "4x6, latar merah", False),
                    ],
                    "requirements_note": "SIP berlaku untuk satu tempat praktik.",
                    "procedure": "1. Ajukan permohonan dan unggah berkas.\n"
                    "2. Petugas memverifikasi berkas.\n"
                    "3. SIP diterbitkan dengan tanda tangan elektronik.",
                    # Assumption: typical local SP time.
                    "completion_time": 5,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("sip", "Berlaku 5 tahun")],
                    "products_note": "",
                    "legal_basis": "UU 17/2023 tentang Kesehatan\nPP 28/2024",
                },
            },
            {
                "slug": "sip-tenaga-kefarmasian",
                "name": "Surat Izin Praktik Apoteker dan Tenaga Vokasi Kefarmasian",
                "summary": "Penerbitan SIP bagi apoteker dan tenaga vokasi kefarmasian di apotek, klinik atau "
                "rumah sakit.",
                "keywords": "sipa, sip apoteker, izin apoteker, asisten apoteker, ttk, apotek, farmasi",
                "standard": {
                    "requirements": [
                        ("str", "", False),
                        ("sk_tempat_praktik", "Dari pimpinan apotek atau fasilitas kefarmasian", False),
                        ("ktp", "", False),
                        ("pas_foto", "4x6, latar merah", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Ajukan permohonan dan unggah berkas.\n"
                    "2. Petugas memverifikasi berkas dan tempat praktik.\n"
                    "3. SIP diterbitkan dengan tanda tangan elektronik.",
                    # Assumption: typical local SP time.
                    "completion_time": 5,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("sip", "Berlaku 5 tahun")],
                    "products_note": "",
                    "legal_basis": "UU 17/2023 tentang Kesehatan\nPP 28/2024",
                },
            },
        ],
    },
    {
        "slug": "atr-bpn",
        "name": "Kantor Pertanahan Kabupaten Kapuas",
        "short_name": "ATR/BPN Kapuas",
        "kind": "vertikal",
        "description": "Loket Kementerian ATR/BPN: informasi pertanahan, pengecekan sertipikat dan surat "
        "keterangan pendaftaran tanah.",
        "sites": ["kapuas"],
        "counters": ["22"],
        "zone": "Lantai 2",
        "sk_number": "HP.01.02/045-62.03/I/2026",
        "sk_date": "2026-01-29",
        "services": [
            {
                "slug": "informasi-pertanahan",
                "name": "Informasi Pertanahan dan Status Berkas",
                "summary": "Informasi prosedur layanan pertanahan, PTSL, sertipikat elektronik dan status berkas.",
                "keywords": "info tanah, sertifikat tanah, sertipikat, bpn, ptsl, cek berkas bpn, "
                "sertifikat elektronik, tanah",
                "standard": {
                    "requirements": [("tanda_terima", "Tanda terima berkas, untuk cek status", True)],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan pertanyaan atau nomor berkas di loket.\n"
                    "2. Petugas memeriksa data dan memberikan informasi.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Informasi lisan atau cetak",
                    "legal_basis": "UU 5/1960 tentang Peraturan Dasar Pokok-Pokok Agraria\nPP 18/2021",
                },
            },
            {
                "slug": "pengecekan-sertipikat",
                "name": "Pengecekan Sertipikat Hak atas Tanah",
                "summary": "Pencocokan sertipikat dengan buku tanah di Kantor Pertanahan, misalnya sebelum jual beli.",
                "keywords": "cek sertifikat, cek sertipikat, pengecekan sertifikat, sertifikat asli, "
                "sertifikat tanah, jual beli tanah, bpn",
                "standard": {
                    "requirements": [
                        ("sertipikat", "Asli", False),
                        ("ktp", "Pemilik atau kuasanya", False),
                        ("surat_kuasa", "Bila diwakilkan", True),
                        ("form", "Formulir permohonan", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Serahkan berkas di loket dan bayar PNBP.\n"
                    "2. Petugas mencocokkan sertipikat dengan buku tanah.\n"
                    "3. Sertipikat diberi catatan hasil pengecekan dan dikembalikan.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "PP 128/2015 tentang Jenis dan Tarif PNBP Kementerian ATR/BPN",
                    "fee_note": PNBP_NOTE,
                    "products": [("sertipikat", "Dengan catatan hasil pengecekan")],
                    "products_note": "",
                    "legal_basis": "UU 5/1960 tentang Peraturan Dasar Pokok-Pokok Agraria\nPP 24/1997\nPP 18/2021\n"
                    "PP 128/2015",
                },
            },
            {
                "slug": "skpt",
                "name": "Surat Keterangan Pendaftaran Tanah (SKPT)",
                "summary": "Keterangan data fisik dan yuridis bidang tanah yang tercatat di buku tanah.",
                "keywords": "skpt, keterangan tanah, data tanah, lelang tanah, riwayat tanah, bpn",
                "standard": {
                    "requirements": [
                        ("sertipikat", "Fotokopi", False),
                        ("ktp", "", False),
                        ("surat_kuasa", "Bila diwakilkan", True),
                        ("form", "Formulir permohonan", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Serahkan berkas di loket dan bayar PNBP.\n"
                    "2. Petugas meneliti buku tanah.\n"
                    "3. SKPT diterbitkan dan diserahkan.",
                    # Assumption: typical SP time at Kantor Pertanahan.
                    "completion_time": 5,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "PP 128/2015 tentang Jenis dan Tarif PNBP Kementerian ATR/BPN",
                    "fee_note": PNBP_NOTE,
                    "products": [("skpt", "")],
                    "products_note": "",
                    "legal_basis": "UU 5/1960 tentang Peraturan Dasar Pokok-Pokok Agraria\nPP 24/1997\nPP 128/2015",
                },
            },
            {
                "slug": "informasi-pendaftaran-tanah",
                "name": "Konsultasi Pendaftaran Tanah Pertama Kali",
                "summary": "Konsultasi syarat sertipikasi tanah yang belum bersertipikat, termasuk melalui PTSL.",
                "keywords": "bikin sertifikat, buat sertifikat tanah, sertifikat baru, tanah belum sertifikat, "
                "ptsl, prona, segel tanah, skt",
                "standard": {
                    "requirements": [
                        ("bukti_pendukung", "Surat tanah atau bukti penguasaan yang dimiliki", True)
                    ],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan kondisi tanah dan dokumen yang dimiliki.\n"
                    "2. Petugas menjelaskan syarat, tahapan dan perkiraan biaya.\n"
                    "3. Pemohon menerima daftar persyaratan.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Daftar persyaratan tertulis",
                    "legal_basis": "UU 5/1960 tentang Peraturan Dasar Pokok-Pokok Agraria\nPP 24/1997\nPP 18/2021",
                },
            },
        ],
    },
    {
        # Assumption: Kapuas lies in the working area of the immigration office in Palangka Raya.
        "slug": "imigrasi",
        "name": "Kantor Imigrasi Palangka Raya",
        "short_name": "Imigrasi",
        "kind": "vertikal",
        "description": "Gerai paspor terjadwal: petugas imigrasi hadir pada hari tertentu saja, bukan setiap hari "
        "kerja. Periksa jadwal dan kuota, lalu daftar lebih dahulu melalui aplikasi M-Paspor.",
        "sites": ["kapuas"],
        "counters": ["23"],
        "zone": "Lantai 2",
        "sk_number": "W.23.IMI.IMI.1-UM.01.01-0112/2026",
        "sk_date": "2026-02-03",
        "services": [
            {
                "slug": "paspor-baru",
                "name": "Permohonan Paspor Baru",
                "summary": "Penerbitan paspor biasa 48 halaman bagi WNI yang belum pernah memiliki paspor.",
                "keywords": "paspor, pasport, passport, bikin paspor, buat paspor, paspor baru, m-paspor, "
                "ke luar negeri, umrah, tki, imigrasi",
                "standard": {
                    "requirements": [
                        ("ktp", "Asli", False),
                        ("kk", "Asli", False),
                        (
                            "akta_lahir",
                            "Atau ijazah/buku nikah yang memuat nama, tempat dan tanggal lahir",
                            False,
                        ),
                        ("buku_nikah", "Bila nama atau data perlu dicocokkan", True),
                    ],
                    "requirements_note": "Daftar dan pilih jadwal melalui aplikasi M-Paspor. Gerai hanya "
                    "melayani pada hari yang dijadwalkan.",
                    "procedure": "1. Daftar dan pilih jadwal di aplikasi M-Paspor.\n"
                    "2. Bayar PNBP melalui kode billing.\n"
                    "3. Datang sesuai jadwal untuk verifikasi berkas, foto, sidik jari dan wawancara.\n"
                    "4. Paspor dicetak dan diambil sesuai pemberitahuan.",
                    # Assumption: 4 working days after interview is the usual published time.
                    "completion_time": 4,
                    "completion_unit": "working_days",
                    "fee": 350000,
                    "fee_basis": "PP 28/2019 tentang Jenis dan Tarif PNBP Kementerian Hukum dan HAM",
                    "fee_note": "Paspor biasa 48 halaman; paspor elektronik dan layanan percepatan dikenai tarif "
                    "berbeda sesuai PP 28/2019",
                    "products": [("paspor", "Berlaku 10 tahun bagi dewasa")],
                    "products_note": "",
                    "legal_basis": "UU 6/2011 tentang Keimigrasian\nPP 28/2019\nPermenkumham 8/2014",
                },
            },
            {
                "slug": "paspor-penggantian",
                "name": "Penggantian Paspor Habis Berlaku atau Penuh",
                "summary": "Penggantian paspor biasa yang habis masa berlakunya atau halamannya penuh.",
                "keywords": "perpanjang paspor, ganti paspor, paspor habis, paspor mati, paspor penuh, pasport, "
                "passport, m-paspor",
                "standard": {
                    "requirements": [
                        ("ktp", "Asli", False),
                        ("paspor", "Paspor lama", False),
                    ],
                    "requirements_note": "Paspor hilang atau rusak memerlukan pemeriksaan di Kantor Imigrasi. "
                    "Daftar melalui aplikasi M-Paspor.",
                    "procedure": "1. Daftar dan pilih jadwal di aplikasi M-Paspor.\n"
                    "2. Bayar PNBP melalui kode billing.\n"
                    "3. Datang sesuai jadwal untuk verifikasi, foto dan sidik jari.\n"
                    "4. Paspor baru dicetak dan diambil sesuai pemberitahuan.",
                    # Assumption: as for a new passport.
                    "completion_time": 4,
                    "completion_unit": "working_days",
                    "fee": 350000,
                    "fee_basis": "PP 28/2019 tentang Jenis dan Tarif PNBP Kementerian Hukum dan HAM",
                    "fee_note": "Paspor biasa 48 halaman; paspor elektronik dikenai tarif berbeda",
                    "products": [("paspor", "Paspor baru; paspor lama dikembalikan setelah dibatalkan")],
                    "products_note": "",
                    "legal_basis": "UU 6/2011 tentang Keimigrasian\nPP 28/2019\nPermenkumham 8/2014",
                },
            },
            {
                "slug": "informasi-keimigrasian",
                "name": "Informasi Keimigrasian",
                "summary": "Informasi paspor, jadwal gerai, M-Paspor dan izin tinggal orang asing.",
                "keywords": "info paspor, jadwal paspor, kuota paspor, m-paspor, visa, izin tinggal, imigrasi",
                "standard": {
                    "requirements": [],
                    "requirements_note": "Tidak ada persyaratan.",
                    "procedure": "1. Sampaikan pertanyaan di loket atau meja informasi.\n2. Petugas memberikan informasi.",
                    "completion_time": 10,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Informasi lisan",
                    "legal_basis": "UU 6/2011 tentang Keimigrasian",
                },
            },
        ],
    },
    {
        # Assumption: the name of the PLN customer service unit covering Kuala Kapuas.
        "slug": "pln",
        "name": "PT PLN (Persero) ULP Kuala Kapuas",
        "short_name": "PLN",
        "kind": "bumn",
        "description": "Layanan pelanggan listrik: pasang baru, tambah daya, serta pengaduan gangguan dan tagihan.",
        "sites": ["kapuas"],
        "counters": ["24"],
        "zone": "Lantai 2",
        "sk_number": "0045/PLG.00.01/ULP-KKP/2026",
        "sk_date": "2026-02-04",
        "services": [
            {
                "slug": "pasang-baru",
                "name": "Pasang Baru Listrik",
                "summary": "Permohonan sambungan listrik baru pascabayar atau prabayar (token).",
                "keywords": "pasang listrik, pasang baru pln, sambung listrik, meteran listrik, token, "
                "listrik rumah, kwh",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("slo", "Sebelum penyambungan", False),
                        ("npwp", "Untuk daya besar atau badan usaha", True),
                    ],
                    "requirements_note": "Permohonan juga dapat diajukan melalui aplikasi PLN Mobile.",
                    "procedure": "1. Ajukan permohonan di loket atau PLN Mobile.\n"
                    "2. Bayar biaya penyambungan.\n"
                    "3. Instalasi rumah diperiksa dan SLO diterbitkan.\n"
                    "4. Petugas memasang kWh meter dan menyalakan listrik.",
                    # Assumption: typical PLN service level for low-voltage connections.
                    "completion_time": 5,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Ketentuan Menteri ESDM tentang tarif tenaga listrik dan biaya penyambungan",
                    "fee_note": "Biaya penyambungan sesuai daya yang dimohon",
                    "products": [("rekening_listrik", "ID pelanggan baru")],
                    "products_note": "",
                    "legal_basis": "UU 30/2009 tentang Ketenagalistrikan",
                },
            },
            {
                "slug": "tambah-daya",
                "name": "Tambah Daya Listrik",
                "summary": "Permohonan penambahan daya bagi pelanggan PLN.",
                "keywords": "tambah daya, naik daya, ubah daya, listrik sering turun, jeglek, pln",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("rekening_listrik", "ID pelanggan", False),
                        ("slo", "Bila instalasi diubah", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Ajukan permohonan di loket atau PLN Mobile.\n"
                    "2. Bayar biaya tambah daya.\n"
                    "3. Petugas mengganti pembatas atau kWh meter.",
                    # Assumption: typical PLN service level.
                    "completion_time": 5,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Ketentuan Menteri ESDM tentang tarif tenaga listrik dan biaya penyambungan",
                    "fee_note": "Biaya sesuai selisih daya",
                    "products": [("rekening_listrik", "Dengan daya baru")],
                    "products_note": "",
                    "legal_basis": "UU 30/2009 tentang Ketenagalistrikan",
                },
            },
            {
                "slug": "pengaduan-pelanggan",
                "name": "Pengaduan Gangguan dan Tagihan Listrik",
                "summary": "Pengaduan listrik padam, tagihan tidak wajar, token bermasalah atau meter rusak.",
                "keywords": "listrik mati, listrik padam, tagihan listrik, token error, meteran rusak, keluhan pln, "
                "pln 123",
                "standard": {
                    "requirements": [("rekening_listrik", "ID pelanggan atau nomor meter", False)],
                    "requirements_note": "Gangguan darurat: hubungi PLN 123 atau PLN Mobile.",
                    "procedure": "1. Sampaikan keluhan di loket.\n"
                    "2. Petugas mencatat dan memberikan nomor pengaduan.\n"
                    "3. Keluhan ditindaklanjuti oleh unit terkait.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "Nomor pengaduan")],
                    "products_note": "",
                    "legal_basis": "UU 30/2009 tentang Ketenagalistrikan",
                },
            },
        ],
    },
    {
        # Assumption: the exact legal name of the regency's water utility.
        "slug": "pdam",
        "name": "PDAM Kabupaten Kapuas",
        "short_name": "PDAM",
        "kind": "bumd",
        "description": "Layanan pelanggan air minum: sambungan baru, pembayaran rekening dan pengaduan.",
        "sites": ["kapuas"],
        "counters": ["25"],
        "zone": "Lantai 2",
        "sk_number": "690/011/PDAM-KPS/2026",
        "sk_date": "2026-02-04",
        "services": [
            {
                "slug": "sambungan-baru",
                "name": "Pemasangan Sambungan Air Baru",
                "summary": "Permohonan sambungan air minum baru untuk rumah tangga atau usaha.",
                "keywords": "pasang air, pasang pdam, sambungan air, air bersih, air ledeng, meteran air, pdam",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("kk", "", False),
                        ("form", "Formulir permohonan sambungan baru", False),
                    ],
                    "requirements_note": "Lokasi harus berada dalam jangkauan jaringan pipa PDAM.",
                    "procedure": "1. Serahkan formulir dan berkas di loket PDAM.\n"
                    "2. Petugas melakukan survei lokasi.\n"
                    "3. Bayar biaya sambungan.\n"
                    "4. Pipa dan meter air dipasang.",
                    # Assumption: typical local SP time.
                    "completion_time": 7,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tarif yang ditetapkan PDAM sesuai Peraturan Bupati",
                    "fee_note": "Biaya sambungan baru sesuai hasil survei dan golongan pelanggan",
                    "products": [("rekening_air", "Nomor sambungan pelanggan")],
                    "products_note": "",
                    "legal_basis": "UU 17/2019 tentang Sumber Daya Air\nPP 122/2015 tentang Sistem Penyediaan Air Minum",
                },
            },
            {
                "slug": "pembayaran-rekening",
                "name": "Pembayaran Rekening Air",
                "summary": "Pembayaran tagihan air bulanan dan tunggakan.",
                "keywords": "bayar pdam, bayar air, tagihan air, rekening air, tunggakan air",
                "standard": {
                    "requirements": [("rekening_air", "Atau nomor sambungan", False)],
                    "requirements_note": "",
                    "procedure": "1. Sebutkan nomor sambungan di loket.\n2. Bayar tagihan dan terima bukti bayar.",
                    "completion_time": 5,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tarif yang ditetapkan PDAM sesuai Peraturan Bupati",
                    "fee_note": "Sesuai tagihan pemakaian air",
                    "products": [("tanda_terima", "Bukti pembayaran")],
                    "products_note": "",
                    "legal_basis": "PP 122/2015 tentang Sistem Penyediaan Air Minum",
                },
            },
            {
                "slug": "pengaduan-pelanggan",
                "name": "Pengaduan dan Perubahan Data Pelanggan Air",
                "summary": "Pengaduan air tidak mengalir, kebocoran, meter rusak, serta balik nama pelanggan.",
                "keywords": "air mati, air tidak mengalir, pipa bocor, meteran air rusak, balik nama pdam, keluhan pdam",
                "standard": {
                    "requirements": [
                        ("rekening_air", "", False),
                        ("ktp", "Untuk balik nama", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan pengaduan atau perubahan data di loket.\n"
                    "2. Petugas mencatat dan memberikan nomor pengaduan.\n"
                    "3. Petugas teknis menindaklanjuti ke lokasi bila perlu.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "Nomor pengaduan")],
                    "products_note": "",
                    "legal_basis": "PP 122/2015 tentang Sistem Penyediaan Air Minum",
                },
            },
        ],
    },
    {
        "slug": "bank-kalteng",
        "name": "PT Bank Pembangunan Daerah Kalimantan Tengah",
        "short_name": "Bank Kalteng",
        "kind": "bumd",
        "description": "Layanan perbankan Bank Kalteng: pembukaan rekening, pembayaran pajak dan retribusi daerah, "
        "serta informasi kredit.",
        "sites": ["kapuas"],
        "counters": ["26"],
        "zone": "Lantai 1",
        "sk_number": "SK-012/DIR/BKT/I/2026",
        "sk_date": "2026-01-30",
        "services": [
            {
                "slug": "pembukaan-rekening",
                "name": "Pembukaan Rekening Tabungan",
                "summary": "Pembukaan rekening tabungan perorangan beserta kartu ATM.",
                "keywords": "buka rekening, buka tabungan, rekening bank, atm, tabungan, bank kalteng, simpanan pelajar",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("npwp", "Untuk produk tertentu", True),
                        ("kia", "Untuk tabungan pelajar/anak", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Isi formulir pembukaan rekening.\n"
                    "2. Petugas memverifikasi identitas.\n"
                    "3. Lakukan setoran awal; buku tabungan dan kartu ATM diserahkan.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Ketentuan produk Bank Kalteng",
                    "fee_note": "Setoran awal sesuai ketentuan produk tabungan",
                    "products": [("buku_tabungan", "Beserta kartu ATM")],
                    "products_note": "",
                    "legal_basis": "UU 10/1998 tentang Perbankan jo. UU 4/2023 tentang P2SK",
                },
            },
            {
                "slug": "pembayaran-pajak-daerah",
                "name": "Penerimaan Pembayaran Pajak dan Retribusi Daerah",
                "summary": "Pembayaran PBB-P2, BPHTB dan retribusi daerah Kabupaten Kapuas.",
                "keywords": "bayar pbb, bayar pajak daerah, bayar bphtb, bayar retribusi, setor pajak, bank kalteng",
                "standard": {
                    "requirements": [
                        ("sppt_pbb", "Untuk PBB-P2", True),
                        ("sspd_bphtb", "Untuk BPHTB", True),
                    ],
                    "requirements_note": "Untuk retribusi, bawa surat ketetapan atau kode bayar.",
                    "procedure": "1. Serahkan dokumen tagihan atau kode bayar.\n"
                    "2. Bayar tunai atau pendebetan rekening.\n"
                    "3. Terima bukti pembayaran.",
                    "completion_time": 10,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya layanan",
                    "fee_note": "Jumlah pajak atau retribusi sesuai ketetapan",
                    "products": [("bukti_bayar_pbb", "Untuk pembayaran PBB-P2")],
                    "products_note": "Bukti setor untuk pajak atau retribusi lainnya.",
                    "legal_basis": "UU 1/2022 tentang HKPD",
                },
            },
            {
                "slug": "informasi-kredit",
                "name": "Informasi Kredit dan KUR",
                "summary": "Informasi kredit usaha rakyat, kredit konsumtif dan persyaratannya.",
                "keywords": "kur, pinjaman, kredit usaha, modal usaha, kredit umkm, pinjam uang, bank kalteng",
                "standard": {
                    "requirements": [
                        ("ktp", "", True),
                        ("nib", "Untuk kredit usaha", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan kebutuhan pembiayaan di loket.\n"
                    "2. Petugas menjelaskan produk, syarat dan simulasi angsuran.\n"
                    "3. Permohonan dapat dilanjutkan di kantor cabang.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Informasi dan simulasi kredit",
                    "legal_basis": "UU 10/1998 tentang Perbankan jo. UU 4/2023 tentang P2SK",
                },
            },
        ],
    },
    {
        "slug": "pos-indonesia",
        "name": "PT Pos Indonesia (Persero) Kantor Pos Kuala Kapuas",
        "short_name": "Pos Indonesia",
        "kind": "bumn",
        "description": "Layanan pos: pengiriman surat dan paket, pembayaran tagihan, dan pengiriman uang.",
        "sites": ["kapuas"],
        "counters": ["27"],
        "zone": "Lantai 1",
        "sk_number": "SP/03/KPC-KKP/I/2026",
        "sk_date": "2026-01-30",
        "services": [
            {
                "slug": "pengiriman-surat-paket",
                "name": "Pengiriman Surat dan Paket",
                "summary": "Pengiriman surat, dokumen dan paket dalam dan luar negeri, termasuk dokumen hasil "
                "layanan MPP.",
                "keywords": "kirim paket, kirim surat, kirim barang, ekspedisi, pos, kilat khusus, resi, lacak paket",
                "standard": {
                    "requirements": [],
                    "requirements_note": "Kiriman dikemas dan mencantumkan alamat lengkap.",
                    "procedure": "1. Serahkan kiriman di loket.\n"
                    "2. Petugas menimbang dan menghitung tarif.\n"
                    "3. Bayar dan terima resi.",
                    "completion_time": 10,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tarif layanan Pos Indonesia",
                    "fee_note": "Tarif sesuai jenis layanan, berat dan tujuan kiriman",
                    "products": [("resi_pos", "")],
                    "products_note": "",
                    "legal_basis": "UU 38/2009 tentang Pos",
                },
            },
            {
                "slug": "pembayaran-tagihan",
                "name": "Pembayaran Tagihan",
                "summary": "Pembayaran listrik, air, iuran BPJS, pajak dan tagihan lainnya di loket pos.",
                "keywords": "bayar tagihan, bayar listrik, bayar bpjs, bayar air, token listrik, pos",
                "standard": {
                    "requirements": [("bukti_pendukung", "Nomor pelanggan atau kode bayar", False)],
                    "requirements_note": "",
                    "procedure": "1. Sebutkan jenis tagihan dan nomor pelanggan.\n2. Bayar dan terima bukti bayar.",
                    "completion_time": 5,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tarif layanan Pos Indonesia",
                    "fee_note": "Biaya administrasi sesuai jenis tagihan",
                    "products": [("tanda_terima", "Bukti pembayaran")],
                    "products_note": "",
                    "legal_basis": "UU 38/2009 tentang Pos",
                },
            },
            {
                "slug": "pengiriman-uang",
                "name": "Pengiriman Uang (Weselpos)",
                "summary": "Pengiriman dan pengambilan uang melalui weselpos ke seluruh Indonesia.",
                "keywords": "wesel, weselpos, kirim uang, transfer uang, ambil uang pos",
                "standard": {
                    "requirements": [("ktp", "Pengirim atau penerima", False)],
                    "requirements_note": "",
                    "procedure": "1. Isi data pengirim dan penerima.\n"
                    "2. Serahkan uang dan bayar biaya kirim.\n"
                    "3. Terima bukti kiriman dengan nomor transaksi.",
                    "completion_time": 10,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tarif layanan Pos Indonesia",
                    "fee_note": "Biaya kirim sesuai nominal dan jenis layanan",
                    "products": [("resi_pos", "Bukti kiriman uang")],
                    "products_note": "",
                    "legal_basis": "UU 38/2009 tentang Pos",
                },
            },
        ],
    },
    {
        # Assumption: domain.md found no MPP with a DPRD desk; this tenant comes from the seed list.
        "slug": "dprd",
        "name": "Sekretariat DPRD Kabupaten Kapuas",
        "short_name": "Setwan DPRD Kapuas",
        "kind": "pemda",
        "description": "Meja penerimaan aspirasi masyarakat: aspirasi dicatat, diberi tanda terima, dan "
        "diteruskan kepada pimpinan serta alat kelengkapan DPRD. Petugas sekretariat tidak memutus atau "
        "menjawab substansi aspirasi.",
        "sites": ["kapuas"],
        "counters": ["28"],
        "zone": "Lantai 2",
        "sk_number": "100.3/009/SETWAN/2026",
        "sk_date": "2026-02-05",
        "services": [
            {
                "slug": "penyampaian-aspirasi",
                "name": "Penyampaian Aspirasi Masyarakat",
                "summary": "Penerimaan aspirasi, usulan dan keluhan masyarakat untuk diteruskan kepada DPRD "
                "Kabupaten Kapuas.",
                "keywords": "aspirasi, dprd, dewan, wakil rakyat, usulan, keluhan warga, lapor dewan, reses",
                "standard": {
                    "requirements": [
                        ("ktp", "Identitas penyampai aspirasi", False),
                        ("bukti_pendukung", "Surat aspirasi atau dokumen pendukung, bila ada", True),
                    ],
                    "requirements_note": "Aspirasi dapat disampaikan lisan atau tertulis, perorangan atau kelompok.",
                    "procedure": "1. Sampaikan aspirasi di meja aspirasi.\n"
                    "2. Petugas mencatat aspirasi dan memberikan tanda terima.\n"
                    "3. Aspirasi diteruskan kepada pimpinan DPRD atau komisi terkait.\n"
                    "4. Penyampai aspirasi diberi tahu tindak lanjutnya.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima_aspirasi", "")],
                    "products_note": "",
                    "legal_basis": "UU 23/2014 tentang Pemerintahan Daerah\nPP 12/2018",
                },
            },
            {
                "slug": "permohonan-audiensi",
                "name": "Permohonan Audiensi dengan DPRD",
                "summary": "Penerimaan surat permohonan audiensi atau rapat dengar pendapat dengan DPRD.",
                "keywords": "audiensi, rdp, rapat dengar pendapat, ketemu dewan, dprd, hearing",
                "standard": {
                    "requirements": [
                        ("form", "Surat permohonan dengan pokok masalah dan daftar peserta", False),
                        ("ktp", "Penanggung jawab", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Serahkan surat permohonan di meja aspirasi.\n"
                    "2. Petugas memberikan tanda terima.\n"
                    "3. Jadwal audiensi ditetapkan sesuai agenda DPRD dan diberitahukan.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "")],
                    "products_note": "Pemberitahuan jadwal audiensi menyusul.",
                    "legal_basis": "UU 23/2014 tentang Pemerintahan Daerah\nPP 12/2018",
                },
            },
        ],
    },
    {
        "slug": "dinsos",
        "name": "Dinas Sosial Kabupaten Kapuas",
        "short_name": "Dinsos Kapuas",
        "kind": "pemda",
        "description": "Pengecekan dan pengusulan data kesejahteraan sosial (DTKS, kini bagian dari DTSEN), "
        "surat keterangan tidak mampu, dan rekomendasi PBI JKN.",
        "sites": ["kapuas", "kapuas-keliling"],
        "counters": ["29"],
        "zone": "Lantai 2",
        "sk_number": "400.9/014/DINSOS/2026",
        "sk_date": "2026-01-26",
        "services": [
            {
                "slug": "dtks",
                "name": "Pengecekan dan Pengusulan DTKS",
                "summary": "Pengecekan status keluarga dalam data kesejahteraan sosial dan pengusulan keluarga "
                "yang belum terdaftar.",
                "keywords": "dtks, dtsen, cek bansos, daftar bansos, pkh, bpnt, sembako, bantuan sosial, "
                "keluarga miskin, data miskin",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("kk", "", False),
                        ("pengantar_desa", "Untuk pengusulan baru", True),
                    ],
                    "requirements_note": "Usulan baru diverifikasi melalui desa/kelurahan dan ditetapkan "
                    "Kementerian Sosial.",
                    "procedure": "1. Serahkan KTP-el dan KK di loket Dinsos.\n"
                    "2. Petugas memeriksa status data keluarga.\n"
                    "3. Bila belum terdaftar, usulan dicatat untuk verifikasi lapangan.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("ket_dtks", "Bila keluarga sudah terdaftar")],
                    "products_note": "",
                    "legal_basis": "UU 13/2011 tentang Penanganan Fakir Miskin\nPermensos 3/2021\nInpres 4/2025",
                },
            },
            {
                "slug": "sktm",
                "name": "Surat Keterangan Tidak Mampu (SKTM)",
                "summary": "Penerbitan surat keterangan tidak mampu untuk keringanan biaya sekolah, berobat atau "
                "bantuan hukum.",
                "keywords": "sktm, surat miskin, surat tidak mampu, keterangan miskin, keringanan biaya, "
                "beasiswa, berobat gratis",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("kk", "", False),
                        ("pengantar_desa", "Keterangan tidak mampu dari desa/kelurahan", False),
                    ],
                    "requirements_note": "Sebutkan keperluan SKTM.",
                    "procedure": "1. Serahkan berkas di loket Dinsos.\n"
                    "2. Petugas memeriksa data keluarga di DTKS.\n"
                    "3. SKTM diterbitkan dan diserahkan.",
                    "completion_time": 1,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("sktm", "")],
                    "products_note": "",
                    "legal_basis": "UU 13/2011 tentang Penanganan Fakir Miskin\nPermensos 3/2021",
                },
            },
            {
                "slug": "rekomendasi-pbi-jkn",
                "name": "Pengusulan Peserta PBI Jaminan Kesehatan",
                "summary": "Pengusulan warga tidak mampu menjadi peserta JKN yang iurannya dibayar pemerintah.",
                "keywords": "pbi, kis gratis, bpjs gratis, bpjs pemerintah, jkn pbi, aktifkan kis, bpjs nonaktif",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("kk", "", False),
                        ("pengantar_desa", "", False),
                        ("kartu_jkn", "Bila kepesertaan PBI dinonaktifkan", True),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Serahkan berkas di loket Dinsos.\n"
                    "2. Petugas memeriksa data keluarga di DTKS.\n"
                    "3. Usulan diteruskan untuk penetapan dan pendaftaran ke BPJS Kesehatan.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "Bukti pengusulan")],
                    "products_note": "",
                    "legal_basis": "UU 40/2004 tentang SJSN\nPP 101/2012\nPermensos 3/2021",
                },
            },
        ],
    },
    {
        "slug": "pupr",
        "name": "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Kapuas",
        "short_name": "Dinas PUPR Kapuas",
        "kind": "pemda",
        "description": "Konsultasi teknis PBG, informasi tata ruang dan Keterangan Rencana Kabupaten (KRK), "
        "serta pengaduan jalan dan drainase kabupaten.",
        "sites": ["kapuas"],
        "counters": ["30"],
        "zone": "Lantai 2",
        "sk_number": "600.1/028/PUPR/2026",
        "sk_date": "2026-01-27",
        "services": [
            {
                "slug": "konsultasi-teknis-pbg",
                "name": "Konsultasi Teknis PBG",
                "summary": "Konsultasi rencana teknis bangunan sebelum dan selama proses PBG di SIMBG.",
                "keywords": "konsultasi pbg, konsultasi imb, gambar rumah, rencana bangunan, simbg, tpa, tpt, "
                "izin bangun",
                "standard": {
                    "requirements": [
                        ("rencana_teknis", "Draf gambar atau rencana teknis", False),
                        ("sertipikat", "Fotokopi bukti penguasaan tanah", True),
                        ("ktp", "", False),
                    ],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan rencana bangunan di loket.\n"
                    "2. Petugas memeriksa kesesuaian dengan ketentuan teknis dan tata ruang.\n"
                    "3. Pemohon menerima catatan perbaikan sebelum diunggah ke SIMBG.",
                    "completion_time": 30,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [],
                    "products_note": "Catatan hasil konsultasi",
                    "legal_basis": "UU 28/2002 tentang Bangunan Gedung jo. UU 6/2023\nPP 16/2021",
                },
            },
            {
                "slug": "informasi-tata-ruang-krk",
                "name": "Informasi Tata Ruang dan Keterangan Rencana Kabupaten (KRK)",
                "summary": "Informasi peruntukan ruang suatu lokasi dan penerbitan KRK untuk rencana bangunan.",
                "keywords": "krk, tata ruang, rtrw, zonasi, peruntukan lahan, kkpr, garis sempadan, gsb, advis planning",
                "standard": {
                    "requirements": [
                        ("ktp", "", False),
                        ("sertipikat", "Fotokopi, atau titik koordinat lokasi", False),
                        ("form", "Formulir permohonan KRK", True),
                    ],
                    "requirements_note": "Informasi lisan tidak memerlukan formulir.",
                    "procedure": "1. Sampaikan lokasi di loket dan isi formulir bila meminta KRK.\n"
                    "2. Petugas memeriksa rencana tata ruang.\n"
                    "3. Informasi diberikan atau KRK diterbitkan.",
                    # Assumption: typical local SP time for a written KRK.
                    "completion_time": 3,
                    "completion_unit": "working_days",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("krk", "Bila diminta tertulis")],
                    "products_note": "",
                    "legal_basis": "UU 26/2007 tentang Penataan Ruang jo. UU 6/2023\nPP 21/2021\nPP 16/2021",
                },
            },
            {
                "slug": "pengaduan-jalan-drainase",
                "name": "Pengaduan Kerusakan Jalan dan Drainase",
                "summary": "Penerimaan laporan jalan rusak, jembatan dan drainase yang menjadi kewenangan kabupaten.",
                "keywords": "jalan rusak, jalan berlubang, jembatan rusak, banjir, drainase, selokan, got, "
                "lapor jalan",
                "standard": {
                    "requirements": [("bukti_pendukung", "Foto dan lokasi kerusakan", False)],
                    "requirements_note": "",
                    "procedure": "1. Sampaikan laporan dan lokasi di loket.\n"
                    "2. Petugas mencatat laporan dan memberikan tanda terima.\n"
                    "3. Laporan diteruskan ke bidang terkait untuk ditindaklanjuti.",
                    "completion_time": 15,
                    "completion_unit": "minutes",
                    "fee": 0,
                    "fee_basis": "Tidak dipungut biaya",
                    "fee_note": "",
                    "products": [("tanda_terima", "")],
                    "products_note": "",
                    "legal_basis": "UU 38/2004 jo. UU 2/2022 tentang Jalan",
                },
            },
        ],
    },
]

# ---------------------------------------------------------------------------
# Self-check: python3 mpp/demo/kapuas.py
# ---------------------------------------------------------------------------

if __name__ == "__main__":
    import datetime as _dt
    import re as _re

    errors = []
    AGENCY_KINDS = {"pemda", "vertikal", "bumn", "bumd", "swasta"}
    SITE_SLUGS = {s["slug"] for s in SITES}
    AGENCY_SLUGS = [a["slug"] for a in AGENCIES]
    LIMITS = {"name": 200, "summary": 300, "keywords": 500}
    STD_LIMITS = {"fee_basis": 300, "fee_note": 300, "procedure": 4000, "legal_basis": 4000}
    OTHER_TEXT = {"requirements_note", "products_note", "complaints", *DEFAULT_MANAGEMENT}

    def check(cond, msg):
        if not cond:
            errors.append(msg)

    for site in SITES:
        check(len(site["name"]) <= 120, f"site name too long: {site['slug']}")
        check(site["kind"] in {"mall", "outlet", "mobile"}, f"site kind: {site['slug']}")
        for weekday, opens, closes in site["hours"]:
            check(str(weekday) in site["working_weekdays"], f"{site['slug']}: hours on a non-working day")
            check(opens < closes, f"{site['slug']}: opens after closes")
    check(len(SITE_SLUGS) == len(SITES), "duplicate site slug")

    names = [d["name"] for d in DOCUMENT_TYPES.values()]
    check(len(names) == len(set(names)), "duplicate document name")
    for key, doc in DOCUMENT_TYPES.items():
        check(doc["issuer"] is None or doc["issuer"] in AGENCY_SLUGS, f"document {key}: unknown issuer")
        check(len(doc["name"]) <= 160 and len(doc.get("short_name", "")) <= 40, f"document {key}: too long")
        check(len(doc.get("description", "")) <= 1000, f"document {key}: description too long")

    for key, value in DEFAULT_MANAGEMENT.items():
        check(len(value) <= (200 if key == "staff_count" else 2000), f"DEFAULT_MANAGEMENT {key} too long")
    check(len(DEFAULT_COMPLAINTS) <= 2000, "DEFAULT_COMPLAINTS too long")

    check(len(AGENCY_SLUGS) == len(set(AGENCY_SLUGS)), "duplicate agency slug")
    agency_names = [a["name"] for a in AGENCIES]
    check(len(agency_names) == len(set(agency_names)), "duplicate agency name")
    counters = [c for a in AGENCIES for c in a["counters"]]
    check(len(counters) == len(set(counters)), "duplicate counter number")
    used_docs = set()
    total = 0
    for agency in AGENCIES:
        a = agency["slug"]
        check(_re.fullmatch(r"[-a-z0-9]+", a) is not None and len(a) <= 60, f"agency slug {a}")
        check(agency["kind"] in AGENCY_KINDS, f"{a}: kind")
        check(len(agency["name"]) <= 200 and len(agency["short_name"]) <= 60, f"{a}: name too long")
        check(len(agency.get("description", "")) <= 2000, f"{a}: description too long")
        check(agency["sites"] and all(s in SITE_SLUGS for s in agency["sites"]), f"{a}: sites")
        check(all(len(c) <= 10 for c in agency["counters"]), f"{a}: counter number too long")
        check(len(agency.get("zone", "")) <= 60, f"{a}: zone too long")
        check(len(agency["sk_number"]) <= 120, f"{a}: sk_number too long")
        sk_date = _dt.date.fromisoformat(agency["sk_date"])
        check(_dt.date(2025, 1, 1) <= sk_date <= _dt.date(2026, 11, 1), f"{a}: sk_date out of range")
        slugs = [s["slug"] for s in agency["services"]]
        check(len(slugs) == len(set(slugs)), f"{a}: duplicate service slug")
        for service in agency["services"]:
            where = f"{a}/{service['slug']}"
            total += 1
            check(_re.fullmatch(r"[-a-z0-9]+", service["slug"]) is not None, f"{where}: slug")
            check(len(service["slug"]) <= 80, f"{where}: slug too long")
            for field, limit in LIMITS.items():
                check(len(service.get(field, "")) <= limit, f"{where}: {field} too long")
            check(service.get("keywords"), f"{where}: no keywords")
            std = service["standard"]
            unknown = set(std) - {"requirements", "products", "completion_time", "completion_unit", "fee"}
            unknown -= set(STD_LIMITS) | OTHER_TEXT
            check(not unknown, f"{where}: unknown standard keys {unknown}")
            check(std["procedure"].strip() != "", f"{where}: empty procedure")
            for field, limit in STD_LIMITS.items():
                check(len(std.get(field, "")) <= limit, f"{where}: {field} too long")
            for field in OTHER_TEXT:
                if field in std:
                    check(len(std[field]) <= 2000, f"{where}: {field} too long")
            check(len(std.get("requirements_note", "")) <= 2000, f"{where}: requirements_note")
            check(len(std.get("products_note", "")) <= 1000, f"{where}: products_note too long")
            ct = std["completion_time"]
            check(isinstance(ct, int) and 0 < ct <= 10000, f"{where}: completion_time")
            check(std["completion_unit"] in {"minutes", "working_days"}, f"{where}: completion_unit")
            check(
                isinstance(std["fee"], int) and not isinstance(std["fee"], bool) and std["fee"] >= 0,
                f"{where}: fee",
            )
            req_keys = [r[0] for r in std.get("requirements", [])]
            prod_keys = [p[0] for p in std.get("products", [])]
            check(len(req_keys) == len(set(req_keys)), f"{where}: duplicate requirement")
            check(len(prod_keys) == len(set(prod_keys)), f"{where}: duplicate product")
            for key, note, optional in std.get("requirements", []):
                check(key in DOCUMENT_TYPES, f"{where}: unknown requirement {key}")
                check(len(note) <= 300 and isinstance(optional, bool), f"{where}: requirement {key}")
            for key, note in std.get("products", []):
                check(key in DOCUMENT_TYPES, f"{where}: unknown product {key}")
                check(len(note) <= 300, f"{where}: product note {key}")
            used_docs.update(req_keys, prod_keys)

    unused = sorted(set(DOCUMENT_TYPES) - used_docs)
    print(
        f"sites: {len(SITES)}, document types: {len(DOCUMENT_TYPES)}, agencies: {len(AGENCIES)}, services: {total}"
    )
    for agency in AGENCIES:
        print(
            f"  {agency['slug']}: {len(agency['services'])} services, counters {','.join(agency['counters'])}"
        )
    if unused:
        print("unused document types:", ", ".join(unused))
    if len(AGENCIES) < 22 or total < 85:
        print("WARNING: need at least 22 agencies and 85 services")
    if errors:
        print(f"{len(errors)} ERROR(S):")
        for error in errors:
            print("  -", error)
        raise SystemExit(1)
    print("OK")
