README.md: data.yaml \
  tpl/md_table.mustache

data.yaml:

tpl/md_table.mustache:
