"""openbudget: 部门预算公开 data model, validation and site generation for MkDocs."""
