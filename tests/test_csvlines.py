"""helpers.data.csvlines: records by file line; bad field counts and unclosed quotes at the line an editor shows;
draft rows from workbook extract --append."""

from __future__ import annotations

from helpers.data.check import run_check
from helpers.data.csvlines import field_count_problems, read_records, table_from_text


def test_a_record_spanning_lines_keeps_its_first_line():
    recs = read_records('a,b\n1,"x\ny"\n2,3\n')
    assert [(r.line, r.end_line) for r in recs] == [(1, 1), (2, 3), (4, 4)]


def test_too_many_fields_named_at_their_file_line(mini):
    path = mini.raw_file("facts")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].rstrip("\n") + ",x,y\n"  # file line 4
    path.write_text("".join(lines), encoding="utf-8")
    _, problems = run_check(mini)
    text = [str(p) for p in problems]
    n = len(lines[0].split(","))
    assert (f"data/raw/facts.csv:4:-: line 4 has {n + 2} fields, the header has {n} (a comma too many, or a field "
            'with a comma not in "quotes")') in text


def test_an_unclosed_quote_is_named_at_the_line_it_opens(mini):
    path = mini.raw_file("facts")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",s_qd,", ',"s_qd,', 1)  # file line 3 opens a quote it never closes
    path.write_text("".join(lines), encoding="utf-8")
    _, problems = run_check(mini)
    assert ('data/raw/facts.csv:3:-: line 3: a "quoted" field opens here and is never closed; it runs to the end '
            'of the file (add the closing ")') in [str(p) for p in problems]


def test_a_row_with_the_draft_columns_but_no_draft_marker_says_so():
    text = "a,b\n1,2\n3,4,,low,why\n"
    assert field_count_problems(read_records(text), 3, text) == [
        (3, ("line 3 has 5 fields, the header has 2: the last 3 are the draft columns of workbook extract (draft, "
            "confidence, reason); once the row is reviewed, delete those 3 fields"))]


def test_draft_rows_are_cut_to_the_table_and_said_once_each():
    df, found = table_from_text("a,b\n1,2\n3,4,true,low,why\n", drafts=True)
    assert list(df.columns) == ["a", "b"] and df.values.tolist() == [["1", "2"], ["3", "4"]]
    assert [(line, column) for line, column, _ in found] == [(3, "draft")]
    assert table_from_text("a,b\n1,2\n", drafts=True) is None  # plain tables go to pandas as before
    assert table_from_text("a,b\n3,4,true,low,why\n") == (None, [(2, "-", ("line 2 has 5 fields, the header has 2 "
                                                                  '(a comma too many, or a field with a comma not in '
                                                                  '"quotes")'))])
