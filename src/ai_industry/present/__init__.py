"""How chapters look: the Chapter API, bilingual labels, charts, maps and the CJK font."""
