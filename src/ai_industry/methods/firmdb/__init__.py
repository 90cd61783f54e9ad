"""A firm database (organisations and their technology-cooperation relations) and every micro-data analysis of
seed 001 §5–§7 on it: read and validate (`database.load`), geography (`geography`), the value network
(`graph`), footnote 11's enabling and input flows (`flows`), relation shares (`shares`), and the comparison of a
recomputed number with the printed one (`compare`). The format is documented in `templates/firmdb/README.md`."""
