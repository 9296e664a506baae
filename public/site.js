// Progressive enhancement for public pages. Every form works without this file.
