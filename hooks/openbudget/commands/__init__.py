"""The editors' command line (`openbudget …`) and the files it scaffolds."""
