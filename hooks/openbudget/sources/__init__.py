"""Reading the project from disk: every read and write inside the repository (repofiles), one file loaded and checked, the data folder, jurisdictions, the glossaries."""
