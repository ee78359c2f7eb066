"""Reading inputs: files, folders, globs, stdin, HTML, JSONL and CSV corpora, gzip, encodings."""

import gzip
import io
import json
import os

import pytest

from quotes.model import Document
from quotes.read import (MAX_DOCUMENT_CHARS, Fields, ReadError, clean_text, decode, iter_paths,
                         read_documents, read_path)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Mayor promises new bridge | The Daily Example</title>
<link rel="canonical" href="https://news.example.com/2024/03/05/mayor-bridge">
<meta property="og:title" content="Mayor promises new bridge">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<script>var teaser = "\u201cnot a quote,\u201d said the script";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sports">Sports</a></nav>
<article>
<h1>Mayor promises new bridge</h1>
<p>The mayor of Springfield, Ann Lee, on Tuesday promised a new bridge over the river, ending
years of debate about the crossing.</p>
<p>&ldquo;We will build it this year,&rdquo; Lee told reporters at city hall. &ldquo;The money
is there &amp; the plans are <b>ready</b>.&rdquo;</p>
<p>Opposition leader Tom Park said the plan was rushed and that residents had not been
consulted about the route or the cost.</p>
<p>&ldquo;This is an election stunt,&rdquo; Park said.</p>
</article>
<footer><p>&copy; 2024 The Daily Example. All rights reserved. Subscribe to our newsletter.</p></footer>
</body></html>
"""


def read(*paths, fields=None):
    notes = []
    items = list(read_documents([str(p) for p in paths], notes, fields))
    docs = [item for item in items if isinstance(item, Document)]
    errors = [str(item) for item in items if isinstance(item, ReadError)]
    return docs, errors, notes


def write(path, content, mode="w"):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_folders_are_walked_recursively_in_order_skipping_hidden_and_unsupported(tmp_path):
    write(tmp_path / "b.txt", "B text.")
    write(tmp_path / "a" / "deep" / "c.md", "# C title\n\nC text.")
    write(tmp_path / "a" / "x.html", ARTICLE_HTML)
    write(tmp_path / ".hidden" / "d.txt", "hidden")
    write(tmp_path / ".e.txt", "hidden too")
    write(tmp_path / "image.png", b"\x89PNG\r\n")
    found = [os.path.relpath(p, tmp_path) for p in iter_paths([str(tmp_path)])]
    assert found == ["b.txt", os.path.join("a", "x.html"), os.path.join("a", "deep", "c.md")]
    docs, errors, _ = read(tmp_path)
    assert errors == []
    assert {d.title for d in docs} == {"B text.", "C title", "Mayor promises new bridge"}


def test_a_folder_with_nothing_to_read_is_reported(tmp_path):
    write(tmp_path / "sub" / "scan.pdf", b"%PDF-1.4")
    docs, errors, _ = read(tmp_path)
    assert docs == [] and errors == [f"{tmp_path}: no file to read in this folder (.txt, .md, "
                                     f".text, .markdown, .html, .htm, .jsonl, .ndjson, .csv, "
                                     f"or .gz of them)"]


def test_glob_patterns_are_expanded_and_each_file_read_once(tmp_path):
    for name in ("one.txt", "two.txt", "three.md"):
        write(tmp_path / "corpus" / name, f"Text of {name}.")
    pattern = str(tmp_path / "corpus" / "*.txt")
    paths = list(iter_paths([pattern, str(tmp_path / "corpus" / "one.txt"), str(tmp_path / "**" / "*.md")]))
    assert [os.path.basename(p) for p in paths] == ["one.txt", "two.txt", "three.md"]
    docs, errors, _ = read(str(tmp_path / "nothing" / "*.txt"))
    assert docs == [] and errors == [f"{tmp_path}/nothing/*.txt: no such file or folder "
                                     f"(and no file matches this pattern)"]


def test_text_file_keeps_its_text_exactly(tmp_path):
    text = "Headline\r\n\r\n\u201cWe\u2019re ready,\u201d said Ann Lee.\r\n"
    path = write(tmp_path / "a.txt", text.encode("utf-8"))
    (doc,), errors, notes = read(path)
    assert doc.text == text and doc.id == str(path) and doc.path == str(path)
    assert doc.title == "Headline" and errors == [] and notes == []


def test_html_article_text_and_metadata(tmp_path):
    path = write(tmp_path / "page.html", ARTICLE_HTML)
    (doc,), errors, _ = read(path)
    assert errors == []
    assert doc.title == "Mayor promises new bridge"
    assert doc.url == "https://news.example.com/2024/03/05/mayor-bridge"
    assert doc.published == "2024-03-05"
    assert doc.author == "Jane Reporter"
    assert doc.source == "The Daily Example"
    assert "\u201cWe will build it this year,\u201d Lee told reporters" in doc.text
    assert "the plans are ready." in doc.text and "&amp;" not in doc.text
    assert "Subscribe" not in doc.text and "not a quote" not in doc.text and "Sports" not in doc.text


def test_html_offsets_index_the_extracted_text(tmp_path, nlp):
    from quotes.engine.pipeline import extract_documents

    (doc,), _, _ = read(write(tmp_path / "page.htm", ARTICLE_HTML))
    (result,) = list(extract_documents([doc], nlp=nlp))
    assert {q.speaker for q in result.quotes} >= {"Ann Lee", "Tom Park"}
    for q in result.quotes:
        assert doc.text[q.start:q.end] == q.text


def test_html_in_another_declared_charset(tmp_path):
    html = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace("Lee told", "L\u00e9e told")
    html = html.replace("&ldquo;", "\u201c").replace("&rdquo;", "\u201d")
    (doc,), errors, _ = read(write(tmp_path / "page.html", html.encode("cp1252")))
    assert errors == [] and "\u201cWe will build it this year,\u201d L\u00e9e told" in doc.text


def test_jsonl_corpus_with_metadata_and_line_numbers(tmp_path):
    lines = [
        {"id": "a1", "text": "\u201cYes,\u201d said Ann Lee.", "title": "T", "url": "https://x.test/a1",
         "published": "2024-01-02", "source": "Wire", "author": ["Ann", "Bob"]},
        {"id": 7, "text": "Second document."},
        {"text": "No id here."},
    ]
    body = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines[:2]) + "\n\n" + json.dumps(lines[2]) + "\n"
    path = write(tmp_path / "c.jsonl", body)
    docs, errors, _ = read(path)
    assert errors == []
    assert [d.id for d in docs] == ["a1", "7", f"{path}:4"]
    assert docs[0] == Document(id="a1", text=lines[0]["text"], title="T", url="https://x.test/a1",
                               published="2024-01-02", source="Wire", path=str(path), author="Ann, Bob")


def test_jsonl_keeps_unicode_line_separators_inside_a_record(tmp_path):
    text = "First\u2028second\x85third\u2029fourth said Ann Lee."
    path = write(tmp_path / "c.jsonl", json.dumps({"id": "u", "text": text}, ensure_ascii=False) + "\n")
    (doc,), errors, notes = read(path)
    assert errors == [] and doc.text == text.replace("\x85", " ")  # NEL is a C1 control: blanked
    assert notes == [f"{path}:1: 1 control or bidirectional-override character(s) replaced by spaces"]


def test_csv_corpus_with_configured_columns_and_multiline_rows(tmp_path):
    body = ('guid,body,headline,pubDate\r\n'
            'g1,"\u201cWe are ready,\u201d said Ann Lee.",Ready,2024-05-01\r\n'
            'g2,"A row over\r\ntwo lines, said Tom Park.",Two,\r\n'
            'g3,,Empty,\r\n')
    path = write(tmp_path / "feed.csv", body.encode("utf-8"))
    fields = Fields.from_options("body", "guid", ["title=headline", "published=pubDate"])
    docs, errors, _ = read(path, fields=fields)
    assert [(d.id, d.title, d.published) for d in docs] == [("g1", "Ready", "2024-05-01"), ("g2", "Two", None)]
    assert docs[1].text == "A row over\r\ntwo lines, said Tom Park."
    assert errors == [f"{path}:5: 'body' is empty"]  # the third record starts on line 5


def test_fields_options_are_checked():
    with pytest.raises(ValueError, match="NAME=COLUMN"):
        Fields.from_options(pairs=["headline"])
    with pytest.raises(ValueError, match="NAME=COLUMN"):
        Fields.from_options(pairs=["colour=hue"])
    assert Fields.from_options(pairs=["url=link"]).url == "link"


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.jsonl", "a.csv"])
def test_gzip_of_every_format(tmp_path, name):
    content = {
        "a.txt": "\u201cYes,\u201d said Ann Lee.",
        "a.md": "\u201cYes,\u201d said Ann Lee.",
        "a.html": ARTICLE_HTML,
        "a.jsonl": json.dumps({"id": "j", "text": "\u201cYes,\u201d said Ann Lee."}) + "\n",
        "a.csv": "id,text\nj,\u201cYes\u201d said Ann Lee.\n",
    }[name]
    plain = write(tmp_path / "plain" / name, content)
    zipped = tmp_path / "zipped" / (name + ".gz")
    zipped.parent.mkdir()
    zipped.write_bytes(gzip.compress(content.encode("utf-8")))
    (a,), errors_a, _ = read(plain)
    (b,), errors_b, _ = read(zipped)
    assert errors_a == errors_b == []
    assert (a.text, a.title, a.url) == (b.text, b.title, b.url)
    assert [os.path.basename(p) for p in iter_paths([str(tmp_path / "zipped")])] == [name + ".gz"]


def test_stdin_text_jsonl_html_csv_and_gzip(monkeypatch):
    def from_stdin(data: bytes, fields=None):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
        return [item for item in read_path("-", [], fields)]

    (doc,) = from_stdin("Plain text, said Ann Lee.".encode())
    assert doc.id == "stdin" and doc.path is None
    docs = from_stdin(b'{"id": "1", "text": "One."}\n{"id": "2", "text": "Two."}\n')
    assert [d.id for d in docs] == ["1", "2"]
    (doc,) = from_stdin(ARTICLE_HTML.encode())
    assert doc.title == "Mayor promises new bridge"
    docs = from_stdin(b"id,body\n1,One.\n2,Two.\n", Fields.from_options("body"))
    assert [d.text for d in docs] == ["One.", "Two."]
    (doc,) = from_stdin(gzip.compress(b"Zipped text."))
    assert doc.text == "Zipped text."


def test_encodings(tmp_path):
    text = "The mayor said: \u201cWe are ready \u2013 today.\u201d Caf\u00e9 owners agreed."
    assert decode(text.encode("utf-8"), "x") == (text, None, None)
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "x") == (text, None, None)
    assert decode(text.encode("cp1252"), "x") == (text, "cp1252", None)
    assert decode(text.encode("utf-16"), "x") == (text, "utf-16", None)
    japanese = "\u5927\u81e3\u306f\u300c\u6e96\u5099\u304c\u3067\u304d\u3066\u3044\u308b\u300d\u3068\u8ff0\u3079\u305f\u3002" * 3
    decoded, encoding, error = decode(japanese.encode("shift_jis"), "x")
    assert decoded == japanese and encoding in ("cp932", "shift_jis", "shift_jis_2004") and error is None
    # a corpus line that is not UTF-8 is read as cp1252, with one note for the file
    path = write(tmp_path / "c.jsonl", b'{"id": "1", "text": "ok"}\n' + '{"id": "2", "text": "\u201cFa\u00e7ade\u201d"}\n'.encode("cp1252"))
    docs, errors, notes = read(path)
    assert [d.text for d in docs] == ["ok", "\u201cFa\u00e7ade\u201d"]
    assert notes == [f"{path}: not UTF-8 from line 2; such lines read as cp1252"]


def test_clean_text_keeps_length_and_offsets():
    text = "A\x07B\u202eC\td\ne\x1b[0m \ud800 \u05e9\u05dc\u05d5\u05dd \u200f"
    cleaned, replaced = clean_text(text)
    assert len(cleaned) == len(text) and replaced == 4
    assert cleaned == "A B C\td\ne [0m \ufffd \u05e9\u05dc\u05d5\u05dd \u200f"


def test_single_document_files_over_the_limit_are_refused_unread(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB of nothing, never read
    docs, errors, _ = read(big)
    assert docs == [] and errors == [f"{big}: too large (50.0 MB): a document may hold at most "
                                     f"{MAX_DOCUMENT_CHARS:,} characters and a file 20 MB; split it"]


def test_documents_over_the_character_limit_are_refused(tmp_path):
    path = write(tmp_path / "long.txt", "word " * (MAX_DOCUMENT_CHARS // 5 + 1))
    docs, errors, _ = read(path)
    assert docs == [] and errors[0].startswith(f"{path}: too long (")


def test_duplicate_ids_in_a_corpus_are_noted(tmp_path):
    path = write(tmp_path / "c.jsonl", '{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n')
    docs, errors, notes = read(path)
    assert len(docs) == 2 and errors == []
    assert notes == [f"{path}:2: id 'a' already used at line 1; in a database the later one replaces it"]


def test_dotted_fields_read_nested_json_and_a_field_that_matches_nothing_is_noted(tmp_path):
    records = [{"id": f"r{i}", "text": f"\u201cYes {i},\u201d said Ann Lee.",
                "meta": {"outlet": "Norvale Post", "date": "2016-03-0%d" % (i + 1), "title": f"T{i}"}}
               for i in range(3)]
    path = write(tmp_path / "nested.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    fields = Fields.from_options(pairs=["source=meta.outlet", "published=meta.date", "title=meta.title"])
    docs, errors, notes = read(path, fields=fields)
    assert errors == [] and notes == []
    assert [(d.source, d.published, d.title) for d in docs] == [
        ("Norvale Post", "2016-03-01", "T0"), ("Norvale Post", "2016-03-02", "T1"),
        ("Norvale Post", "2016-03-03", "T2")]
    # a top-level key written with a dot wins over the path
    path = write(tmp_path / "dotted.jsonl", json.dumps({"text": "Words.", "meta.outlet": "Flat"}) + "\n")
    docs, _, _ = read(path, fields=Fields.from_options(pairs=["source=meta.outlet"]))
    assert docs[0].source == "Flat"
    # a field that matches nothing in the first records says so, once, naming it
    docs, errors, notes = read(tmp_path / "nested.jsonl",
                               fields=Fields.from_options(pairs=["source=outlet", "published=meta.when"]))
    assert len(docs) == 3 and all(d.source is None for d in docs)
    assert sorted(notes) == [
        f"{tmp_path / 'nested.jsonl'}: --field published=meta.when matched nothing in the first 3 record(s)",
        f"{tmp_path / 'nested.jsonl'}: --field source=outlet matched nothing in the first 3 record(s); "
        "a key inside an object is written with dots (meta.outlet)"]
