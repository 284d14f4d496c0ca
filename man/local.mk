## man/local.mk (included by Makefile.am): the manual pages.
## theodoi(1): the command line, the terminal UI, roles and a shared server.
## theodoi-csv(5): every CSV kind, its columns and the import rules.
dist_man_MANS = man/theodoi.1 man/theodoi-csv.5
