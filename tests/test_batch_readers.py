"""Reading batch inputs: formats, columns and every kind of hostile row, without the model."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from batch_samples import COPS, HUGE_BYTES, POPS, csv_bytes
from jdpillars.batch.columns import Wanted, find_columns, normal
from jdpillars.batch.errors import BatchError
from jdpillars.batch.read_csv import sniff_delimiter
from jdpillars.batch.readers import open_reader, sniff_format
from jdpillars.batch.records import INVALID_UTF8, Record, clean, make_record


def read(
    data: bytes, name: str = "in.csv", wanted: Wanted | None = None, fmt: str | None = None
) -> list[Record]:
    reader = open_reader(name, wanted or Wanted(), fmt=fmt, stream=io.BytesIO(data))
    return list(reader)


def one(data: bytes, name: str = "in.csv") -> Record:
    records = read(data, name)
    assert len(records) == 1
    return records[0]


def jsonl(*objects: object) -> bytes:
    return b"".join(json.dumps(o).encode() + b"\n" for o in objects)


# Columns


@pytest.mark.parametrize(
    "header",
    ["Description", "JOB_DESCRIPTION", "Job Description", "job-description", "Text", "BODY"],
)
def test_the_text_column_is_found_by_name_in_any_case(header: str) -> None:
    columns = find_columns(["Requisition", header, "Job Title", "Job_ID"])
    assert (columns.text, columns.title, columns.id) == (header, "Job Title", "Job_ID")


def test_description_is_preferred_to_text_and_body() -> None:
    assert find_columns(["body", "text", "description"]).text == "description"


def test_a_named_column_wins_and_title_and_id_may_be_missing() -> None:
    columns = find_columns(["summary", "description"], Wanted(text="Summary"))
    assert (columns.text, columns.title, columns.id) == ("summary", None, None)


def test_without_a_text_column_the_error_lists_the_columns() -> None:
    with pytest.raises(BatchError) as caught:
        find_columns(["req", "headline", "location"])
    message = str(caught.value)
    assert "no text column" in message
    assert "'req', 'headline', 'location'" in message
    assert "--text-column" in message


def test_a_named_column_that_does_not_exist_is_an_error_listing_the_columns() -> None:
    with pytest.raises(BatchError, match=r"no column 'posting'.*'description', 'title'"):
        find_columns(["description", "title"], Wanted(text="posting"))


def test_names_are_compared_without_case_spaces_or_hyphens() -> None:
    assert normal("  Job-Description ") == normal("job description") == "job_description"


# Formats


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("id,title,description", ","),
        ("id;title;description", ";"),
        ("id\ttitle\tdescription", "\t"),
        ('"a;b",title,description', ","),
        ("description", ","),
    ],
)
def test_the_delimiter_is_sniffed_from_the_header(header: str, delimiter: str) -> None:
    assert sniff_delimiter(header) == delimiter


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_with_each_delimiter_reads_the_same(delimiter: str) -> None:
    data = csv_bytes([("1", "Ops; lead, EMEA", POPS)], delimiter=delimiter)
    record = one(data)
    assert (record.id, record.title, record.text) == ("1", "Ops; lead, EMEA", POPS)


def test_tsv_by_its_extension() -> None:
    record = one(csv_bytes([("7", "t", "a, b; c")], delimiter="\t"), "in.tsv")
    assert (record.id, record.text) == ("7", "a, b; c")


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"PAR1\x15\x04", "parquet"),
        (b'{"text": "x"}\n', "jsonl"),
        (b'\xef\xbb\xbf  {"a": 1}\n', "jsonl"),
        (b"id,text\n", "csv"),
        (b"", "csv"),
    ],
)
def test_the_format_of_an_unnamed_input_is_sniffed(head: bytes, fmt: str) -> None:
    assert sniff_format(head) == fmt


def test_standard_input_may_be_csv_or_jsonl() -> None:
    as_csv = open_reader("-", Wanted(), stdin=io.BytesIO(csv_bytes([("1", "t", COPS)])))
    as_jsonl = open_reader("-", Wanted(), stdin=io.BytesIO(jsonl({"body": COPS, "id": 1})))
    assert [r.text for r in as_csv] == [r.text for r in as_jsonl] == [COPS]


def test_parquet_on_standard_input_is_refused() -> None:
    with pytest.raises(BatchError, match="Parquet cannot be read from standard input"):
        open_reader("-", Wanted(), stdin=io.BytesIO(b"PAR1\x00\x00"))


def test_an_empty_input_is_an_error() -> None:
    with pytest.raises(BatchError, match="empty input"):
        read(b"")
    with pytest.raises(BatchError, match="empty input"):
        read(b"\n\n", "in.jsonl")


# Hostile CSV rows: one output record for every row, in order; unusable ones flagged


def test_csv_empty_and_whitespace_text_reach_the_classifier_as_such() -> None:
    records = read(csv_bytes([("1", "a", ""), ("2", "b", "  \t\r\n ")]))
    assert [(r.row, r.text, r.error) for r in records] == [(1, "", None), (2, "  \t\r\n ", None)]


def test_csv_nul_bytes_are_kept_in_the_text_and_removed_from_the_title() -> None:
    record = one(b'id,title,description\n1,"A\x00B","PK\x03\x04\x00\x00 zip"\n')
    assert record.text == "PK\x03\x04\x00\x00 zip"
    assert record.title == "A\ufffdB"


def test_csv_invalid_utf8_is_replaced_and_flagged() -> None:
    record = one(b'id,title,description\n1,Caf\xe9,"r\xe9sum\xe9 of the pipeline"\n')
    assert record.text == "r\ufffdsum\ufffd of the pipeline"
    assert record.title == "Caf\ufffd"
    assert record.warnings == (INVALID_UTF8,)


def test_csv_valid_utf8_is_not_flagged() -> None:
    record = one("id,title,description\n1,Café,Résumé ✓\n".encode())
    assert (record.title, record.text, record.warnings) == ("Café", "Résumé ✓", ())


def test_csv_bom_and_crlf() -> None:
    data = b'\xef\xbb\xbfid,title,description\r\n1,t,"line one\r\nline two"\r\n2,u,plain\r\n'
    records = read(data)
    assert [(r.id, r.text) for r in records] == [("1", "line one\r\nline two"), ("2", "plain")]


def test_csv_markup_and_brackets_pass_through_untouched() -> None:
    text = "<ul><li>Own the [bold]Marketo[/bold] instance</li></ul> & {{merge_tag}}"
    assert one(csv_bytes([("1", "[red]x[/red]", text)])).text == text


def test_csv_fields_of_several_megabytes() -> None:
    huge = (POPS + "\n") * (HUGE_BYTES // len(POPS) + 1)
    records = read(csv_bytes([("1", "big", huge), ("2", "small", COPS)]))
    assert [len(r.text) for r in records] == [len(huge), len(COPS)]
    assert len(huge) > HUGE_BYTES


def test_csv_unterminated_quote_at_the_end_keeps_the_rows_before() -> None:
    data = csv_bytes([("1", "a", POPS), ("2", "b", COPS)]) + b'3,c,"no closing quote\nat all'
    records = read(data)
    assert [r.text for r in records[:2]] == [POPS, COPS]
    assert records[2].row == 3
    assert records[2].error is not None
    assert "unterminated quote at the end of the input" in records[2].error


def test_csv_a_stray_quote_breaks_only_its_own_row() -> None:
    data = b'id,title,description\n1,a,"quoted"then text\n2,b,fine\n'
    records = read(data)
    assert records[0].error is not None and "malformed CSV row (line 2)" in records[0].error
    assert (records[1].row, records[1].text, records[1].error) == (2, "fine", None)


def test_csv_a_row_with_the_wrong_number_of_fields_is_an_error_row() -> None:
    records = read(b"id,title,description\n1,a,b,c,d\n2,only\n3,t,ok\n")
    assert [r.error for r in records[:2]] == [
        "malformed CSV row (line 2): 5 fields where the header has 3",
        "malformed CSV row (line 3): 2 fields where the header has 3",
    ]
    assert (records[2].row, records[2].text) == (3, "ok")


def test_csv_blank_lines_are_not_rows() -> None:
    records = read(b"id,description\n1,a\n\n\n2,b\n")
    assert [(r.row, r.text) for r in records] == [(1, "a"), (2, "b")]


# Hostile JSONL lines


def test_jsonl_kinds_of_trouble_each_give_one_record_in_order() -> None:
    lines = [
        b'\xef\xbb\xbf{"id": 1, "description": "first"}\r\n',  # BOM, CRLF
        b'{"id": 2, "description": ""}\n',
        b'{"id": 3, "description": "   \\n\\t "}\n',
        b'{"id": 4, "description": "nul \x00 raw and \\u0000 escaped"}\n',
        b'{"id": 5, "description": "caf\xe9 bytes"}\n',
        b'{"id": 6, "description": "lone \\ud800 surrogate"}\n',
        b'{"id": 7, "description": "<b>[bold]markup[/bold]</b>"}\n',
        b"\n",
        b'["a", "list"]\n',
        b'{"id": 9, "title": "no text field"}\n',
        b'{"id": 10, "description": null}\n',
        b'{"id": 11, "description": "cut off in the mid',
    ]
    records = read(b"".join(lines), "in.jsonl")
    assert [r.row for r in records] == list(range(1, 12))
    assert [r.text for r in records[:7]] == [
        "first",
        "",
        "   \n\t ",
        "nul \x00 raw and \x00 escaped",
        "caf\ufffd bytes",
        "lone \ufffd surrogate",
        "<b>[bold]markup[/bold]</b>",
    ]
    assert [bool(r.warnings) for r in records[:7]] == [False] * 4 + [True, True, False]
    assert records[7].error == "line 9: a JSON list, not an object"
    assert records[8].error == "line 10: no 'description' field"
    assert (records[9].text, records[9].error) == ("", None)  # null: empty, refused later
    assert records[10].error is not None and records[10].error.startswith("line 12: malformed")


def test_jsonl_fields_of_several_megabytes() -> None:
    huge = "x " * (HUGE_BYTES // 2)
    assert [len(r.text) for r in read(jsonl({"text": huge}, {"text": "y"}), "a.jsonl")] == [
        len(huge),
        1,
    ]


def test_jsonl_columns_come_from_the_first_object_even_after_bad_lines() -> None:
    records = read(b'not json\n{"Job_ID": "a1", "Body": "text", "Job Title": "t"}\n', "in.jsonl")
    assert records[0].error is not None
    assert (records[1].id, records[1].title, records[1].text) == ("a1", "t", "text")


# Parquet


def test_parquet_columns_nulls_binary_and_large_values(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "in.parquet"
    huge = "y " * (HUGE_BYTES // 2)
    table = pa.table(
        {
            "JOB_ID": pa.array([10, 11, 12, 13]),
            "Text": pa.array([b"caf\xe9", None, huge.encode(), b"nul \x00"], type=pa.binary()),
        }
    )
    pq.write_table(table, path, row_group_size=2)
    with path.open("rb") as stream:
        records = list(open_reader(str(path), Wanted(), stream=stream))
    assert [r.id for r in records] == ["10", "11", "12", "13"]
    assert [r.text for r in records] == ["caf\ufffd", "", huge, "nul \x00"]
    assert [bool(r.warnings) for r in records] == [True, False, False, False]


# Values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, (None, False)),
        (float("nan"), (None, False)),
        (42, ("42", False)),
        ("ok", ("ok", False)),
        (b"\xff", ("\ufffd", True)),
        ("a\udce9b", ("a\ufffdb", True)),
    ],
)
def test_clean(value: object, expected: tuple[str | None, bool]) -> None:
    assert clean(value) == expected


def test_make_record_flags_once_for_several_bad_fields() -> None:
    record = make_record(3, b"\xff", "\udcff", None)
    assert (record.row, record.text, record.title, record.warnings) == (
        3,
        "\ufffd",
        "\ufffd",
        (INVALID_UTF8,),
    )
