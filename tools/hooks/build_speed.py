"""MkDocs hook: make the five-language build fast (templates compiled once, notebooks pre-rendered).

mkdocs-static-i18n builds the site once per language, and each build compiles the theme's
templates, lists the theme's 14,500 files and has nbconvert render every notebook. These
hooks do each once, and render the translated notebooks in a second process meanwhile.
"""
import gc
import glob
import multiprocessing
import os
from pathlib import Path
from types import SimpleNamespace

import jinja2
import mkdocs.utils
from mkdocs.structure.files import Files

from tools.hooks import notebook_pages


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


def on_startup(command, dirty):
    share_nbconvert_templates()
    share_theme_files()
    # MkDocs, its plugins and their modules live as long as the process: frozen, the garbage
    # collector stops walking them again and again (a cold build: 8.7 -> 7.9 CPU-seconds)
    gc.freeze()


def on_env(env, config, files):
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
    """mkdocs lists and filters the theme's files in each language's build: list them once."""
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


PRERENDERED = {}   # real path of a published notebook -> (Event set once rendered, the worker)


def on_pre_build(config):   # after static-i18n's on_config picked the language
    i18n_plugin, jupyter = config.plugins["i18n"], config.plugins["mkdocs-jupyter"]
    base = jupyter.__dict__.setdefault("base_cache_dir", jupyter.config["cache_dir"])   # as configured
    # mkdocs-jupyter evicts what its build did not use; static-i18n builds once per language
    jupyter.config["cache_dir"] = str(Path(base) / i18n_plugin.current_language)
    if i18n_plugin.current_language == i18n_plugin.default_language and jupyter.config["cache"]:
        prerender_notebooks(config, i18n_plugin, jupyter)


def prerender_notebooks(config, i18n_plugin, jupyter):
    """While this process builds the default language, a second one renders the other
    languages' notebooks into mkdocs-jupyter's cache (the cache key is the notebook's bytes)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return
    fork = multiprocessing.get_context("fork")   # the worker inherits the configured plugin
    jobs = [(str(Path(jupyter.base_cache_dir) / lang), notebook_pages.published_copy(config, path),
             fork.Event())
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
