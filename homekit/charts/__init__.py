"""Charts of one series: matplotlib figures (imported only when drawing) and text charts."""
