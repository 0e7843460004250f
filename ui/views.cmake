# Sources of the analysis views (depth, ablation, analytic trade-off, CKA, training), added
# with target_sources(ghostlens_ui PRIVATE ...).
