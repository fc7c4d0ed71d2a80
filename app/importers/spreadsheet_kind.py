"""Tell what a file handed to a spreadsheet importer really is, before openpyxl sees it.

openpyxl answers a .xls, a password-protected workbook or a OneDrive placeholder with a zip or
XML traceback. Users pick the wrong file all the time (Excel's `~$` lock file, a CSV, an .ods),
so we look at the bytes first and say in one sentence what the file is and what to do.
Detection reads only the file itself: no extra dependency, no guessing from the extension.
"""
from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from app.errors import SpreadsheetFormatError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_PDF_MAGIC = b"%PDF-"
_TEXT_SAMPLE = 64 * 1024
# Excel's owner file is 165 bytes; anything this small named ~$... cannot be a workbook.
_LOCK_FILE_MAX = 4096
_ODS_MIMETYPES = (
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet-template",
)
_STRICT_NAMESPACE = b"purl.oclc.org/ooxml/spreadsheetml"
_OFFICE_DOCUMENT_REL = re.compile(
    rb"<Relationship\b[^>]*?Type=\"[^\"]*/officeDocument\"[^>]*>", re.IGNORECASE
)
_TARGET_ATTR = re.compile(rb"Target=\"([^\"]+)\"")


class FileKind(StrEnum):
    """What a file turned out to be; only XLSX can be read by the spreadsheet importers."""

    XLSX = "xlsx"
    MISSING = "missing"
    FOLDER = "folder"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    EXCEL_LOCK_FILE = "excel_lock_file"
    LIBREOFFICE_LOCK_FILE = "libreoffice_lock_file"
    XLS = "xls"
    ENCRYPTED = "encrypted"
    LEGACY_OFFICE_OTHER = "legacy_office_other"
    ODS = "ods"
    OPENDOCUMENT_OTHER = "opendocument_other"
    XLSB = "xlsb"
    STRICT_XLSX = "strict_xlsx"
    ZIP_NOT_XLSX = "zip_not_xlsx"
    CORRUPT_ZIP = "corrupt_zip"
    SPREADSHEETML_2003 = "spreadsheetml_2003"
    HTML = "html"
    XML = "xml"
    TEXT = "text"
    PDF = "pdf"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class _Finding:
    kind: FileKind
    description: str  # completes "the file is ..."
    message: str  # the whole sentence shown to the user ("" for a readable xlsx)


def detect_file_kind(path: Path) -> FileKind:
    """Classify `path` by its content (and, for lock files, its name)."""
    return _inspect(path).kind


def describe_file_kind(path: Path) -> str:
    """A short phrase saying what `path` is, e.g. "an Excel 97-2003 .xls workbook"."""
    return _inspect(path).description


def check_xlsx_readable(path: Path) -> None:
    """Raise SpreadsheetFormatError naming what `path` is unless it is an .xlsx we can open."""
    finding = _inspect(path)
    if finding.kind is not FileKind.XLSX:
        raise SpreadsheetFormatError(finding.message)


def _inspect(path: Path) -> _Finding:
    name = path.name
    q = f"'{name}'"
    if not path.exists():
        return _Finding(
            FileKind.MISSING,
            "a file that does not exist",
            f"{q} was not found; it may have been moved, renamed or deleted. "
            "Choose the file again.",
        )
    if path.is_dir():
        return _Finding(
            FileKind.FOLDER,
            "a folder",
            f"{q} is a folder, not a file; open it and choose the .xlsx workbook inside.",
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_TEXT_SAMPLE)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _Finding(
            FileKind.UNREADABLE,
            "a file that cannot be read",
            f"{q} cannot be read ({reason}); check that you have access to it, "
            "or copy it to a local folder and try again.",
        )
    lock = _lock_file_finding(name, size, head)
    if lock is not None:
        return lock
    if size == 0:
        return _Finding(
            FileKind.EMPTY,
            "an empty file (0 bytes)",
            f"{q} is empty (0 bytes). If it lives in OneDrive/SharePoint, make it available "
            "offline and try again.",
        )
    if head.startswith(_OLE_MAGIC):
        return _ole_finding(path, q)
    if head.startswith(_ZIP_MAGICS):
        return _zip_finding(path, q)
    return _other_finding(head, q)


def _lock_file_finding(name: str, size: int, head: bytes) -> _Finding | None:
    if head.startswith(_ZIP_MAGICS) or head.startswith(_OLE_MAGIC):
        return None
    if name.startswith("~$") and size <= _LOCK_FILE_MAX:
        workbook = name[2:]
        return _Finding(
            FileKind.EXCEL_LOCK_FILE,
            "Excel's lock file, not the workbook",
            f"'{name}' is Excel's lock file, not the workbook; choose {workbook} "
            "(in the same folder) instead.",
        )
    if name.startswith(".~lock.") and name.endswith("#"):
        workbook = name[len(".~lock."):-1]
        return _Finding(
            FileKind.LIBREOFFICE_LOCK_FILE,
            "LibreOffice's lock file, not the workbook",
            f"'{name}' is LibreOffice's lock file, not the workbook; choose {workbook} "
            "(in the same folder) instead.",
        )
    return None


def _ole_stream_names(data: bytes, wanted: tuple[str, ...]) -> set[str]:
    """Names among `wanted` that appear as compound-file directory entries in `data`.

    Directory entries are 128-byte records in 512- or 4096-byte sectors after the header, so a
    real entry starts on a 128-byte boundary, with its UTF-16LE name followed by the name's byte
    length (terminator included) and an object type of 1 (storage) or 2 (stream). Checking all
    three rejects the same text inside a cell without walking the sector chains.
    """
    found: set[str] = set()
    for wanted_name in wanted:
        encoded = wanted_name.encode("utf-16-le") + b"\x00\x00"
        start = 512
        while (pos := data.find(encoded, start)) != -1:
            start = pos + 1
            if pos % 128 or pos + 67 > len(data):
                continue
            (name_len,) = struct.unpack_from("<H", data, pos + 64)
            if name_len == len(encoded) and data[pos + 66] in (1, 2):
                found.add(wanted_name)
                break
    return found


def _ole_finding(path: Path, q: str) -> _Finding:
    data = path.read_bytes()
    names = _ole_stream_names(
        data,
        ("EncryptedPackage", "EncryptionInfo", "Workbook", "Book", "WordDocument",
         "PowerPoint Document"),
    )
    if names & {"EncryptedPackage", "EncryptionInfo"}:
        return _Finding(
            FileKind.ENCRYPTED,
            "a password-protected workbook",
            f"{q} is password-protected; remove the password (File › Info › Protect Workbook › "
            "Encrypt with Password, clear it) and save again, then import that file.",
        )
    if "WordDocument" in names and not names & {"Workbook", "Book"}:
        return _Finding(
            FileKind.LEGACY_OFFICE_OTHER,
            "a Word 97-2003 .doc document",
            f"{q} is a Word 97-2003 .doc document, not a spreadsheet; choose the .xlsx workbook.",
        )
    if "PowerPoint Document" in names and not names & {"Workbook", "Book"}:
        return _Finding(
            FileKind.LEGACY_OFFICE_OTHER,
            "a PowerPoint 97-2003 .ppt presentation",
            f"{q} is a PowerPoint 97-2003 .ppt presentation, not a spreadsheet; "
            "choose the .xlsx workbook.",
        )
    return _Finding(
        FileKind.XLS,
        "an Excel 97-2003 .xls workbook",
        f"{q} is an Excel 97-2003 .xls workbook; open it in Excel or LibreOffice and save as "
        ".xlsx (Excel Workbook), then import that file.",
    )


def _zip_finding(path: Path, q: str) -> _Finding:
    corrupt = _Finding(
        FileKind.CORRUPT_ZIP,
        "a damaged or incompletely copied file",
        f"{q} is damaged or was not copied completely (its contents cannot be unpacked); "
        "copy it again from where it came from, or open it in Excel and save it again.",
    )
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return _opendocument_finding(mimetype, q)
            main_part = _main_part(archive, names)
            if main_part.endswith(".bin") or "xl/workbook.bin" in names:
                return _Finding(
                    FileKind.XLSB,
                    "an Excel binary workbook (.xlsb)",
                    f"{q} is an Excel binary workbook (.xlsb); open it in Excel and save it as "
                    ".xlsx (Excel Workbook), then import that file.",
                )
            if main_part.startswith("xl/") and main_part in names:
                if archive.testzip() is not None:
                    return corrupt
                with archive.open(main_part) as part:
                    start = part.read(4096)
                if _STRICT_NAMESPACE in start:
                    return _Finding(
                        FileKind.STRICT_XLSX,
                        "an Excel workbook in the Strict Open XML format",
                        f"{q} is saved as 'Strict Open XML Spreadsheet', which cannot be read; "
                        "open it in Excel and save it as 'Excel Workbook (.xlsx)'.",
                    )
                return _Finding(FileKind.XLSX, "an Excel workbook (.xlsx)", "")
            return _other_zip_finding(main_part, names, q)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError):
        # zipfile raises all of these for truncated or mangled archives (bad offsets, CRC,
        # unsupported compression written by odd tools).
        return corrupt


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The package's main part (normally xl/workbook.xml), found through _rels/.rels."""
    if "_rels/.rels" in names:
        rels = archive.read("_rels/.rels")
        match = _OFFICE_DOCUMENT_REL.search(rels)
        if match is not None:
            target = _TARGET_ATTR.search(match.group(0))
            if target is not None:
                text = target.group(1).decode("utf-8", "replace").lstrip("/")
                return str(PurePosixPath(text))
    return "xl/workbook.xml" if "xl/workbook.xml" in names else ""


def _opendocument_finding(mimetype: str, q: str) -> _Finding:
    if mimetype in _ODS_MIMETYPES:
        return _Finding(
            FileKind.ODS,
            "an OpenDocument spreadsheet (.ods)",
            f"{q} is an OpenDocument spreadsheet; save it as .xlsx (in LibreOffice: File › "
            "Save As › Excel 2007-365), then import that file.",
        )
    kinds = {
        "text": "an OpenDocument text document (.odt)",
        "presentation": "an OpenDocument presentation (.odp)",
        "graphics": "an OpenDocument drawing (.odg)",
    }
    sub = mimetype.removeprefix("application/vnd.oasis.opendocument.").split("-")[0]
    description = kinds.get(sub, f"an OpenDocument file ({mimetype})")
    return _Finding(
        FileKind.OPENDOCUMENT_OTHER,
        description,
        f"{q} is {description}, not a spreadsheet; choose the .xlsx workbook.",
    )


def _other_zip_finding(main_part: str, names: set[str], q: str) -> _Finding:
    if main_part.startswith("word/") or "word/document.xml" in names:
        description = "a Word document (.docx)"
    elif main_part.startswith("ppt/") or "ppt/presentation.xml" in names:
        description = "a PowerPoint presentation (.pptx)"
    else:
        description = "a zip archive that holds no Excel workbook"
    return _Finding(
        FileKind.ZIP_NOT_XLSX,
        description,
        f"{q} is {description}, not an Excel workbook; choose the .xlsx workbook.",
    )


def _decode_sample(head: bytes) -> str | None:
    """The sample as text if it reads as text in a common encoding, else None."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, "replace")
    if b"\x00" in head:
        return None
    controls = sum(1 for byte in head if byte < 0x20 and byte not in b"\t\n\r\f")
    if controls > len(head) // 100:
        return None
    # utf-8 with a fallback: a CSV saved as Windows-1252 is still text.
    return head.decode("utf-8", "replace").lstrip("\ufeff")


def _other_finding(head: bytes, q: str) -> _Finding:
    if head.startswith(_PDF_MAGIC):
        return _Finding(
            FileKind.PDF,
            "a PDF document",
            f"{q} is a PDF document, not a spreadsheet; choose the .xlsx workbook.",
        )
    text = _decode_sample(head)
    if text is None:
        return _Finding(
            FileKind.UNKNOWN,
            "not a spreadsheet",
            f"{q} is not a spreadsheet (it is neither an Excel workbook, an OpenDocument "
            "spreadsheet nor a text file); choose the .xlsx workbook.",
        )
    lowered = text.lstrip().lower()
    save_as = "open it in Excel and save it as .xlsx (Excel Workbook), then import that file."
    if lowered.startswith("<"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in lowered:
            return _Finding(
                FileKind.SPREADSHEETML_2003,
                "an Excel 2003 XML spreadsheet",
                f"{q} is an Excel 2003 XML spreadsheet; {save_as}",
            )
        if "<html" in lowered or "<table" in lowered or lowered.startswith("<!doctype html"):
            return _Finding(
                FileKind.HTML,
                "a web page (HTML) with a spreadsheet name",
                f"{q} is a web page (HTML), as some tools export 'Excel' files; {save_as}",
            )
        return _Finding(
            FileKind.XML,
            "an XML file",
            f"{q} is an XML file, not an Excel workbook; choose the .xlsx workbook.",
        )
    return _Finding(
        FileKind.TEXT,
        "a text (CSV) file",
        f"{q} is a text (CSV) file, not an Excel workbook; choose the .xlsx workbook, "
        f"or {save_as}",
    )
