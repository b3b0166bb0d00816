"""MkDocs hooks of this site (registered in mkdocs.yml)."""
import glob
import html
import multiprocessing
import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import jinja2
import mkdocs.utils
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # `mkdocs` run as a script

from tools import i18n, site  # noqa: E402

CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">.*?"base":\s*")([^"]*)"',
                           re.S)
# Material fetches "sitemap.xml" beside every <link rel=alternate> (meant for language roots);
# for per-page alternates those requests fail, so the hreflang alternates live only in the
# sitemap.xml that static-i18n writes (tests/test_translations.py checks them there).
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">\n?')


def on_startup(command, dirty):
    # mkdocs-static-i18n only keeps "documentation pages", judged by this list, so without
    # ".ipynb" every notebook page vanishes from the build (static-i18n issue #198).
    if ".ipynb" not in mkdocs.utils.markdown_extensions:
        mkdocs.utils.markdown_extensions = (*mkdocs.utils.markdown_extensions, ".ipynb")
    share_nbconvert_templates()
    share_theme_files()


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the whole run; jinja checks each source's checksum."""

    def __init__(self):
        self.store = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = _MemoryBytecodeCache()


def on_env(env, config, files):
    # static-i18n builds each language with a fresh theme environment: compile templates once
    env.bytecode_cache = TEMPLATE_CACHE
    return env


def share_nbconvert_templates():
    """nbconvert compiles its templates anew for each notebook: most of a 5-language build."""
    from nbconvert.exporters.templateexporter import TemplateExporter
    create = TemplateExporter._create_environment
    if getattr(create, "shared_cache", None):
        return

    def create_with_cache(self):
        environment = create(self)
        environment.bytecode_cache = TEMPLATE_CACHE
        return environment
    create_with_cache.shared_cache = TEMPLATE_CACHE
    TemplateExporter._create_environment = create_with_cache


def share_theme_files():
    """mkdocs lists and filters the theme's 14,500 files (icons, mostly) in each language's
    build: list them once."""
    add = Files.add_files_from_theme
    if hasattr(add, "listed"):
        return
    listed = {}

    def add_listing_once(self, env, config):
        # what mkdocs' filter depends on (static-i18n adds its sitemap dir again in each build)
        key = (tuple(dict.fromkeys(config.theme.dirs)), frozenset(config.theme.static_templates),
               tuple(mkdocs.utils.markdown_extensions))

        def list_templates(**kwargs):
            if key not in listed:
                listed[key] = type(env).list_templates(env, **kwargs)
            return listed[key]
        env.list_templates = list_templates
        try:
            add(self, env, config)
        finally:
            del env.list_templates   # the listing is filtered: for this call only
    add_listing_once.listed = listed
    Files.add_files_from_theme = add_listing_once


@event_priority(100)   # before static-i18n applies each language's overrides
def on_config(config):
    """Site name, description and nav titles of each language come from locales/<lang>.yml."""
    english = site.strings(site.DEFAULT_LANGUAGE)
    for language in config.plugins["i18n"].config.languages:
        strings = site.strings(language.locale)
        language.site_name = strings["site_name"]
        language.site_description = strings["site_description"]
        language.nav_translations = {english["nav"][key]: title
                                     for key, title in strings["nav"].items()}
    return config


PRERENDERED = {}   # real path of a notebook -> (Event set once rendered, the worker process)


def on_pre_build(config):   # after static-i18n's on_config picked the language
    i18n_plugin, jupyter = config.plugins["i18n"], config.plugins["mkdocs-jupyter"]
    base = jupyter.__dict__.setdefault("base_cache_dir", jupyter.config["cache_dir"])   # as configured
    # mkdocs-jupyter evicts what its build did not use; static-i18n builds once per language
    jupyter.config["cache_dir"] = str(Path(base) / i18n_plugin.current_language)
    if i18n_plugin.current_language == i18n_plugin.default_language and jupyter.config["cache"]:
        prerender_notebooks(config, i18n_plugin, jupyter)


def prerender_notebooks(config, i18n_plugin, jupyter):
    """nbconvert takes most of a cold build: while this process builds the default language, a
    second one renders the other languages' notebooks into mkdocs-jupyter's cache."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return
    fork = multiprocessing.get_context("fork")   # the worker inherits the configured plugin
    jobs = [(str(Path(jupyter.base_cache_dir) / lang), path, fork.Event())
            for lang in i18n_plugin.build_languages if lang != i18n_plugin.default_language
            for path in sorted(glob.glob(f"{config.docs_dir}/{lang}/**/*.ipynb", recursive=True))]
    worker = fork.Process(target=_prerender, args=(jupyter, jobs), daemon=True)
    worker.start()
    PRERENDERED.update({os.path.realpath(path): (done, worker) for _, path, done in jobs})


def _prerender(jupyter, jobs):
    """In the worker: mkdocs-jupyter's own on_pre_page and render write its cache entries."""
    for cache_dir, path, done in jobs:
        jupyter.config["cache_dir"] = cache_dir
        page = SimpleNamespace(file=SimpleNamespace(abs_src_path=path, src_path=path), abs_url="/")
        try:
            if jupyter.should_include(page.file):
                jupyter.on_pre_page(page, None, None).render(None, None)
        finally:
            done.set()


def on_pre_page(page, config, files):
    # wait for the worker's cache entry of this notebook (if the worker died, render it here)
    done, worker = PRERENDERED.pop(os.path.realpath(page.file.abs_src_path or "."), (None, None))
    while done and not done.wait(0.2) and worker.is_alive():
        pass
    return page


def page_language(page) -> str:
    first = page.file.src_uri.split("/", 1)[0]
    return first if first in site.languages() else site.DEFAULT_LANGUAGE


@event_priority(50)   # before Material's search plugin indexes the page
def on_page_context(context, page, config, nav):
    """Warn on a translation whose English source changed after it was translated."""
    if page.file.src_uri.endswith(".ipynb"):
        # a notebook repeats its page: indexing both doubles every hit (and the build time)
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        context["i18n_download"] = site.strings(page_language(page))["notebook"]["download"]
        return context
    lang = page_language(page)
    if lang == site.DEFAULT_LANGUAGE or not page.file.src_uri.endswith(".md"):
        return context
    english = i18n.source_of(str(site.DOCS / page.file.src_uri))
    if str(page.meta.get("source_hash", "")) != i18n.source_hash(english):
        strings = site.strings(lang)["outdated"]
        context["i18n_outdated"] = {**strings, "url": page.url.removeprefix(f"{lang}/")}
    return context


def on_post_page(output, page, config):
    lang = page_language(page)
    if lang != site.DEFAULT_LANGUAGE:
        output = localize_ui(output, lang)
        # Material fetches search/search_index.json under `base`: point it at the language's
        # own index (see on_post_build), whose locations are relative to the language root.
        output = CONFIG_SCRIPT.sub(lambda m: f'{m[1]}{m[2].rstrip("/")}/{lang}/"', output, 1)
    return ALTERNATE.sub("", output)


def localize_ui(output: str, lang: str) -> str:
    """Theme and build strings around the page text (permalink titles, "Output", ...)."""
    english, strings = site.strings(site.DEFAULT_LANGUAGE)["ui"], site.strings(lang)["ui"]
    for key, text in english.items():
        output = re.sub(rf'([">]){re.escape(text)}(["<])',
                        lambda m: m[1] + html.escape(strings[key]) + m[2], output)
    return output


@event_priority(-200)   # after static-i18n has merged every language's entries into one index
def on_post_build(config):
    """One search index per language, under the language's folder (static-i18n #271)."""
    from tools.search import split_index
    split_index(Path(config["site_dir"]), site.languages(), site.DEFAULT_LANGUAGE)
