"""normdocs_site: the engine that builds and checks the normdocs site.

One module per job:

- :mod:`~normdocs_site.paths`: where things are in the repository;
- :mod:`~normdocs_site.config`: the one reader of ``mkdocs.yml`` (MkDocs' ``load_config``);
- :mod:`~normdocs_site.snippet_syntax`: sections and includes, parsed by pymdownx's own code;
- :mod:`~normdocs_site.pages`: the Markdown pages' code blocks;
- :mod:`~normdocs_site.outputs`: the ``#>`` output lines, read and rewritten;
- :mod:`~normdocs_site.runner`: running code alone in an empty directory;
- :mod:`~normdocs_site.examples`: checking and updating the examples (``scripts/snippets.py``);
- :mod:`~normdocs_site.figures`: drawing the figure scripts;
- :mod:`~normdocs_site.plugin` and :mod:`~normdocs_site.hooks`: the MkDocs build steps;
- :mod:`~normdocs_site.build`: one strict build of the site;
- :mod:`~normdocs_site.check_site`: the post-build check;
- :mod:`~normdocs_site.bench`: the benchmark of the Performance page.
"""
