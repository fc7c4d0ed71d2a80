"""check_xlsx_readable names what a wrong file really is, built byte by byte in tmp_path."""
from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlrd.compdoc

from app.errors import SpreadsheetFormatError
from app.importers.spreadsheet_kind import (
    FileKind,
    check_xlsx_readable,
    describe_file_kind,
    detect_file_kind,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
REALDATA = REPO_ROOT.parent / "shared" / "realdata"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def build_ole(stream_names: list[str]) -> bytes:
    """A minimal valid compound file (v3, 512-byte sectors) with empty streams of these names.

    Sector 0 is the FAT, sector 1 the directory: the Root Entry and up to three streams, chained
    as right siblings (a degenerate but valid red-black tree, all black).
    """
    assert len(stream_names) <= 3
    header = bytearray(512)
    header[0:8] = _OLE_MAGIC
    struct.pack_into("<HHH", header, 24, 0x3E, 3, 0xFFFE)  # minor, major version, byte order
    struct.pack_into("<HH", header, 30, 9, 6)  # sector shift (512), mini sector shift (64)
    struct.pack_into("<II", header, 44, 1, 1)  # one FAT sector; directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<IIII", header, 60, _END, 0, _END, 0)  # no mini FAT, no extra DIFAT
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for index in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * index, _FREE)
    fat = bytearray(b"\xff" * 512)
    struct.pack_into("<II", fat, 0, _FAT, _END)

    def entry(name: str, kind: int, right: int, child: int) -> bytes:
        raw = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        raw[0:len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, _NONE, right, child)
        struct.pack_into("<IQ", raw, 116, _END, 0)
        return bytes(raw)

    directory = bytearray(entry("Root Entry", 5, _NONE, 1 if stream_names else _NONE))
    for index, name in enumerate(stream_names, start=1):
        right = index + 1 if index < len(stream_names) else _NONE
        directory += entry(name, 2, right, _NONE)
    while len(directory) < 512:  # unused slots: empty, with no siblings or children
        free = bytearray(128)
        struct.pack_into("<III", free, 68, _NONE, _NONE, _NONE)
        directory += free
    return bytes(header + fat + directory)


def write_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Step ID"
    workbook.save(path)
    return path


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return path


def _rels(target: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        f'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{target}"/>'
        "</Relationships>"
    ).encode()


def message_for(path: Path) -> str:
    with pytest.raises(SpreadsheetFormatError) as caught:
        check_xlsx_readable(path)
    message = str(caught.value)
    assert f"'{path.name}'" in message, "the message names the file"
    assert str(path.parent) not in message, "the name, not the whole path"
    return message


def test_a_real_xlsx_passes_whatever_its_extension(tmp_path: Path) -> None:
    for name in ("pack.xlsx", "pack.XLSX", "pack", "pack.csv"):
        path = write_xlsx(tmp_path / name)
        check_xlsx_readable(path)
        assert detect_file_kind(path) is FileKind.XLSX
    assert describe_file_kind(tmp_path / "pack.xlsx") == "an Excel workbook (.xlsx)"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    message = message_for(tmp_path / "gone.xlsx")
    assert "was not found" in message
    folder = tmp_path / "results.xlsx"
    folder.mkdir()
    assert "is a folder" in message_for(folder)


def test_zero_byte_cloud_placeholder(tmp_path: Path) -> None:
    path = tmp_path / "UAT pack.xlsx"
    path.write_bytes(b"")
    assert message_for(path) == (
        "'UAT pack.xlsx' is empty (0 bytes). If it lives in OneDrive/SharePoint, make it "
        "available offline and try again."
    )
    assert detect_file_kind(path) is FileKind.EMPTY


def test_excel_lock_file_points_to_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "~$UAT pack.xlsx"
    # Excel's owner file: a length byte, the user name padded to 54 bytes, then UTF-16 again.
    owner = b"\x06Author" + b" " * 47 + "Author".encode("utf-16-le") + b"\x20\x00" * 50
    path.write_bytes(owner[:165])
    message = message_for(path)
    assert "Excel's lock file, not the workbook" in message
    assert "choose UAT pack.xlsx" in message
    assert detect_file_kind(path) is FileKind.EXCEL_LOCK_FILE


def test_libreoffice_lock_file(tmp_path: Path) -> None:
    path = tmp_path / ".~lock.UAT pack.xlsx#"
    path.write_text("Author,host,/home/author,03.12.2025 16:42,file:///home/author;\n")
    assert "LibreOffice's lock file" in message_for(path)
    assert "choose UAT pack.xlsx" in message_for(path)


def test_builder_makes_a_compound_file_xlrd_can_walk() -> None:
    document = xlrd.compdoc.CompDoc(build_ole(["EncryptionInfo", "EncryptedPackage"]))
    assert [node.name for node in document.dirlist if node.etype] == [
        "Root Entry", "EncryptionInfo", "EncryptedPackage"]


def test_legacy_xls_built(tmp_path: Path) -> None:
    path = tmp_path / "results.xlsx"  # the extension lies; the bytes decide
    path.write_bytes(build_ole(["Workbook"]))
    message = message_for(path)
    assert "is an Excel 97-2003 .xls workbook" in message
    assert "open it in Excel or LibreOffice and save as .xlsx" in message


def test_legacy_xls_real_qtest_export() -> None:
    path = REALDATA / "uat" / "qtest_regression_testcase_export.xls"
    if not path.is_file():
        pytest.skip(f"real data not present at {path}")
    assert "is an Excel 97-2003 .xls workbook" in message_for(path)
    assert detect_file_kind(path) is FileKind.XLS


def test_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "UAT pack.xlsx"
    path.write_bytes(build_ole(["EncryptionInfo", "EncryptedPackage"]))
    message = message_for(path)
    assert "is password-protected; remove the password" in message
    assert "File › Info › Protect Workbook" in message
    only_package = tmp_path / "other.xlsx"
    only_package.write_bytes(build_ole(["EncryptedPackage"]))
    assert detect_file_kind(only_package) is FileKind.ENCRYPTED


def test_stream_name_inside_cell_text_is_not_taken_for_encryption(tmp_path: Path) -> None:
    # A .xls whose Workbook stream happens to contain the text "EncryptedPackage" (not aligned
    # as a directory entry) is still just a .xls.
    data = bytearray(build_ole(["Workbook"]))
    data += b"\x00" * 3 + "EncryptedPackage".encode("utf-16-le") + b"\x00\x00" + b"\x00" * 200
    path = tmp_path / "old.xls"
    path.write_bytes(bytes(data))
    assert detect_file_kind(path) is FileKind.XLS


def test_word_97_document(tmp_path: Path) -> None:
    path = tmp_path / "notes.doc"
    path.write_bytes(build_ole(["WordDocument"]))
    assert "Word 97-2003 .doc document, not a spreadsheet" in message_for(path)


def test_opendocument_spreadsheet_and_text(tmp_path: Path) -> None:
    ods = write_zip(tmp_path / "pack.ods", {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b"<office:document-content/>",
    })
    assert "is an OpenDocument spreadsheet; save it as .xlsx" in message_for(ods)
    assert detect_file_kind(ods) is FileKind.ODS
    odt = write_zip(tmp_path / "notes.odt", {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": b"<office:document-content/>",
    })
    assert "OpenDocument text document (.odt), not a spreadsheet" in message_for(odt)


@pytest.mark.parametrize(("content", "encoding"), [
    ("Step ID;Result\nabc;Pass\n", "utf-8-sig"),
    ("Step ID\tResult\r\nabc\tRéussi\r\n", "utf-16"),
    ("Step ID,Result,Comments\nabc,Pass,déjà vu\n", "cp1252"),
])
def test_csv_and_text(tmp_path: Path, content: str, encoding: str) -> None:
    path = tmp_path / "results.xlsx"
    path.write_bytes(content.encode(encoding))
    assert "is a text (CSV) file, not an Excel workbook" in message_for(path)


def test_html_and_xml_spreadsheets_with_excel_names(tmp_path: Path) -> None:
    html = tmp_path / "export.xls"
    html.write_text("<html><body><table><tr><td>Step</td></tr></table></body></html>")
    assert "is a web page (HTML)" in message_for(html)
    xml2003 = tmp_path / "export2003.xls"
    xml2003.write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:'
                       'office:spreadsheet"><Worksheet/></Workbook>')
    assert "is an Excel 2003 XML spreadsheet" in message_for(xml2003)


def test_zip_that_is_a_word_document(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "UAT pack.xlsx", {
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": _rels("word/document.xml"),
        "word/document.xml": b"<w:document/>",
    })
    message = message_for(path)
    assert "is a Word document (.docx), not an Excel workbook" in message
    assert detect_file_kind(path) is FileKind.ZIP_NOT_XLSX


def test_plain_zip_archive(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "results.xlsx", {"readme.txt": b"hello"})
    assert "zip archive that holds no Excel workbook" in message_for(path)


def test_binary_and_strict_workbooks(tmp_path: Path) -> None:
    xlsb = write_zip(tmp_path / "pack.xlsb", {
        "_rels/.rels": _rels("xl/workbook.bin"), "xl/workbook.bin": b"\x83\x01\x00"})
    assert "Excel binary workbook (.xlsb)" in message_for(xlsb)
    strict = write_zip(tmp_path / "strict.xlsx", {
        "_rels/.rels": _rels("/xl/workbook.xml"),
        "xl/workbook.xml": b'<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>',
    })
    assert "Strict Open XML" in message_for(strict)


def test_truncated_workbook(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "UAT pack.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    message = message_for(path)
    assert "is damaged or was not copied completely" in message
    assert detect_file_kind(path) is FileKind.CORRUPT_ZIP


def test_workbook_with_damaged_contents(tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "whole.xlsx")
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(source.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 4, start + min(info.compress_size, 40)):
        data[offset] ^= 0x5A  # scramble the compressed bytes: CRC or inflate fails
    path = tmp_path / "UAT pack.xlsx"
    path.write_bytes(bytes(data))
    assert "is damaged or was not copied completely" in message_for(path)


def test_pdf_and_unknown_binary(tmp_path: Path) -> None:
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert "is a PDF document, not a spreadsheet" in message_for(pdf)
    png = tmp_path / "screenshot.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert "is not a spreadsheet" in message_for(png)
    assert describe_file_kind(png) == "not a spreadsheet"
