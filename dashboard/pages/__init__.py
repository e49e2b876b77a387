"""Page modules, loaded by Dash itself (use_pages); a package so that installs include them."""
