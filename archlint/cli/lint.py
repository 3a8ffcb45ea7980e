"""`archlint lint [PATHS]`: check the estate and report findings."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import click

from archlint import api
from archlint.api import targets_of
from archlint.baseline import BaselineError
from archlint.cli._shared import (
    UsageProblem,
    cache_folder_of,
    cache_options,
    config_option,
    lint,
    output_file_option,
    paths_argument,
    read_config,
    selection_options,
    until_exit,
    write_file,
)
from archlint.config.settings import Config, ConfigError
from archlint.engine import LintResult
from archlint.formats import FORMATS, RenderOptions, render
from archlint.loader import LoadError


def parse_outputs(specs: Iterable[str], output_file: str | None = None) -> list[tuple[str, str]]:
    """`--output FORMAT:FILE` values as (format, file) pairs; a usage error names a bad one."""
    outputs = []
    for spec in specs:
        name, sep, path = spec.partition(":")
        if not sep or not path or name not in FORMATS:
            raise UsageProblem(
                f"--output {spec!r}: expected FORMAT:FILE with FORMAT one of "
                f"{', '.join(sorted(FORMATS))}, e.g. --output sarif:archlint.sarif"
            )
        outputs.append((name, path))
    files = [path for _, path in outputs] + ([output_file] if output_file else [])
    if len(set(files)) != len(files):
        raise UsageProblem("--output: each output needs a file of its own")
    return outputs


RECOGNISED = (
    "a manifest is a YAML document with 'apiVersion: archlint/v1' and kind Service, Topic "
    "or Context (`archlint init` writes a first one); AsyncAPI documents, EventCatalog pages "
    "and Backstage entities are read too"
)


def nothing_to_lint(result: LintResult) -> bool:
    """No service, topic or context, and no problem either: the paths hold no estate."""
    estate = result.estate
    return not (estate.services or estate.topics or estate.contexts or result.findings)


def warn_empty(targets: Iterable[str], allow_empty: bool) -> None:
    """Nothing to lint is not a pass: say where archlint looked and what it looks for."""
    click.echo(
        f"warning: no archlint manifest found under {', '.join(targets)}; {RECOGNISED}. "
        + ("(--allow-empty: exit 0)" if allow_empty else "Pass --allow-empty to exit 0."),
        err=True,
    )


COLOURED = frozenset({"text", "full", "grouped"})
# the formats a file of each extension can hold: `-o x.sarif --format json` is a mistake
EXTENSION_FORMATS = {
    ".json": ("json", "gitlab"),
    ".jsonl": ("json-lines",),
    ".sarif": ("sarif",),
    ".xml": ("junit",),
    ".txt": ("text", "full", "grouped", "github"),
}


def check_options(output_format: str | None, output_file: str | None, statistics: bool) -> None:
    """Options that contradict each other or do not apply are usage errors, not ignored."""
    if statistics and output_format not in (None, "text"):
        raise UsageProblem(
            f"--statistics applies to --format text only, not {output_format}: drop one of them"
        )
    extension = os.path.splitext(output_file or "")[1].lower()
    fits = EXTENSION_FORMATS.get(extension)
    if fits and (output_format or "text") not in fits:
        raise UsageProblem(
            f"-o {output_file}: a {extension} file holds {' or '.join(fits)}, not "
            f"{output_format or 'text (the default)'}: give --format {fits[0]}, or another file name"
        )


def use_color(choice: str, env: Mapping[str, str]) -> bool:
    """--color, with no-color.org's NO_COLOR and force-color.org's FORCE_COLOR for `auto`
    (present and not empty); else only when standard output is a terminal."""
    if choice != "auto":
        return choice == "always"
    if env.get("NO_COLOR"):
        return False
    return bool(env.get("FORCE_COLOR")) or sys.stdout.isatty()


def read_sources(result: LintResult) -> dict[str, list[str]]:
    """The lines of the files that findings are in, for `--format full` (unreadable: none)."""
    sources = {}
    for path in sorted({f.location.path for f in result.findings if f.location}):
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                sources[path] = handle.read().splitlines()
        except OSError:
            continue
    return sources


def run(
    paths: Sequence[str], config: Config, baseline_file: str | None, cache_dir: str | None
) -> tuple[LintResult, str | None]:
    """The lint of PATHS; of some files only (a pre-commit hook's), with the note on how."""
    if not paths or not all(os.path.isfile(p) for p in paths):
        return lint(paths, config, baseline=baseline_file, cache_dir=cache_dir), None
    try:
        return until_exit(
            lambda: api.lint_files(paths, config, baseline=baseline_file, cache_dir=cache_dir),
            cache_dir,
        )
    except (LoadError, BaselineError, ConfigError) as exc:
        raise UsageProblem(str(exc)) from None


def show_files_of(result: LintResult) -> None:
    """The files read, one a line on standard output (for scripts); on standard error, the
    documents in them that archlint read past, each with what it is."""
    from archlint.formats.terminal import text_line
    from archlint.loader.documents import skipped_documents

    click.echo("".join(f"{path}\n" for path in result.estate.paths), nl=False)
    skipped = []
    for path in result.estate.paths:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:  # a display path (escaped), or gone since: nothing to add
            continue
        skipped += [text_line(f"  {path}:{line}: {what}") for line, what in skipped_documents(data)]
    if skipped:
        click.echo(
            f"Skipped {len(skipped)} document{'s' if len(skipped) != 1 else ''}: not archlint "
            f"manifests (apiVersion: archlint/v1), AsyncAPI documents or broker configuration",
            err=True,
        )
        click.echo("\n".join(skipped), err=True)
    if result.notes:
        click.echo(f"Inferred from catalogs ({len(result.notes)}):", err=True)
        notes = sorted(result.notes.items(), key=lambda item: (item[0].path, item[0].line))
        click.echo("\n".join(text_line(f"  {at}: {note}") for at, note in notes), err=True)


@dataclass(frozen=True)
class Shown:
    """How a run's findings are shown and written: the output options of `lint`."""

    output_format: str | None
    output_file: str | None
    extra_outputs: list[tuple[str, str]]
    quiet: bool
    statistics: bool
    color_choice: str


def emit(result: LintResult, partial: str | None, shown: Shown) -> None:
    """Print (or write) the findings, and the extra outputs' files."""
    on_actions = os.environ.get("GITHUB_ACTIONS") == "true" and shown.output_file is None
    name = shown.output_format or ("github" if on_actions else "text")
    color = (
        shown.output_file is None and name in COLOURED and use_color(shown.color_choice, os.environ)
    )
    wanted = {name, *(extra for extra, _ in shown.extra_outputs)}
    sources = read_sources(result) if "full" in wanted else {}
    options = RenderOptions(
        quiet=shown.quiet, statistics=shown.statistics, color=color, sources=sources
    )
    text = render(name, result, options)
    for extra_name, path in shown.extra_outputs:  # files hold every finding, whatever -q says
        write_output(path, render(extra_name, result, RenderOptions(sources=sources)))
    if shown.output_file:
        write_output(shown.output_file, text)
    else:
        click.echo(text, nl=False, color=color)
    if partial:
        click.echo(partial, err=True)


def watch(targets: Sequence[str], lint_once: Callable[[], object]) -> None:
    """Lint, then lint again whenever a file under the targets changes, until interrupted.
    watchfiles (the operating system's file events, debounced) is imported only here."""
    import watchfiles

    # Ctrl-C and SIGTERM stop the watch, even where SIGINT came ignored (a background job)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.getsignal(signal.SIGINT))

    def again(why: str) -> None:
        click.echo(why, err=True)
        try:
            lint_once()
        except click.ClickException as exc:  # a configuration mid-edit: say so, keep watching
            exc.show()
        sys.stdout.flush()  # each run's findings now, even into a pipe (`| tee`)
        click.echo(f"[archlint --watch: watching {', '.join(targets)}; Ctrl-C stops]", err=True)

    again("[archlint --watch: linting]")
    try:
        for changes in watchfiles.watch(*targets, raise_interrupt=False):
            count = f"{len(changes)} change{'s' if len(changes) != 1 else ''}"
            again(f"\n[archlint --watch: {count}, linting again]")
    except KeyboardInterrupt:  # between two runs, on some platforms
        pass


def write_output(path: str, text: str) -> None:
    """Output files are written where asked, their folders made if missing."""
    write_file(path, text, make_folders=True)


@click.command("lint")
@paths_argument
@config_option
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    help="Output format (default: text; github when GITHUB_ACTIONS=true and the "
    "output goes to standard output).",
)
@selection_options("Lowest severity that fails the run (default: error).")
@output_file_option("the report")
@click.option(
    "--output",
    "outputs",
    multiple=True,
    metavar="FORMAT:FILE",
    help="Also write the findings in FORMAT to FILE (repeatable), e.g. "
    "--output sarif:archlint.sarif --output junit:archlint.xml.",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Report only findings not in this baseline file (written by `archlint "
    "baseline`), and its stale entries; default: the configured `baseline`.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: nothing when clean.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of each finding.")
@click.option(
    "--color",
    "color_choice",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    help="Colour the text formats: auto (a terminal, unless NO_COLOR is set or FORCE_COLOR "
    "is), always or never. Files never get colour.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run.")
@click.option(
    "--show-files",
    is_flag=True,
    help="List the files read instead of the findings (and, on standard error, the documents "
    "skipped in them and why), and exit 0.",
)
@click.option(
    "--watch",
    "watch_files",
    is_flag=True,
    help="Lint again whenever a file under the paths changes; stop with Ctrl-C.",
)
@click.option(
    "--allow-empty",
    is_flag=True,
    help="Exit 0 when no manifest is found under the paths (default: exit 2).",
)
@cache_options
def command(
    paths: tuple[str, ...],
    config_path: str | None,
    output_format: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    fail_on: str | None,
    output_file: str | None,
    outputs: tuple[str, ...],
    baseline_file: str | None,
    quiet: bool,
    statistics: bool,
    color_choice: str,
    exit_zero: bool,
    show_files: bool,
    watch_files: bool,
    allow_empty: bool,
    cache_dir: str | None,
    no_cache: bool,
) -> None:
    """Check the estate's manifests under PATHS (default: the configured paths, else .)."""
    check_options(output_format, output_file, statistics)
    if watch_files and show_files:
        raise UsageProblem("--watch and --show-files: give one of them")
    shown = Shown(
        output_format,
        output_file,
        parse_outputs(outputs, output_file),
        quiet,
        statistics,
        color_choice,
    )

    def lint_once() -> int:
        """One run, the configuration read afresh (under --watch it may have changed)."""
        config = read_config(config_path, select, ignore, fail_on, extend_select)
        # --show-files lists what catalogs inferred, which a replayed run does not keep
        replay = not (no_cache or show_files)
        folder = cache_folder_of(paths, config, cache_dir) if replay else None
        result, partial = run(paths, config, baseline_file, folder)
        result = api.shown(result, config.limits.findings_per_rule)
        if show_files:
            show_files_of(result)
            return 0
        emit(result, partial, shown)
        if nothing_to_lint(result):
            warn_empty(targets_of(paths, config), allow_empty)
            return 0 if allow_empty else 2
        return 0 if exit_zero else result.exit_code

    if watch_files:
        config = read_config(config_path, select, ignore, fail_on, extend_select)
        config_file = [config.source] if config.source else []
        watch(sorted({*targets_of(paths, config), *config_file}), lint_once)
        sys.exit(0)
    sys.exit(lint_once())
