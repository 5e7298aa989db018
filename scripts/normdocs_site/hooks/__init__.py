"""The build steps of the site, one module each; :mod:`normdocs_site.plugin` runs them."""
