# Sources of the analysis views (depth, ablation, analytic trade-off, CKA, training).
set(GHOSTLENS_VIEWS_DIR ${CMAKE_CURRENT_LIST_DIR})
target_sources(ghostlens_ui PRIVATE
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/ablation_plot.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/analysis_views.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/ablation_view.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/analytic_view.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/cka_plot.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/cka_view.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/depth_plot.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/depth_view.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/plot_panel.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/tradeoff_plot.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/training_curves_plot.h
  ${GHOSTLENS_VIEWS_DIR}/include/ghostlens/ui/views/training_dialog.h
  ${GHOSTLENS_VIEWS_DIR}/src/views/ablation_plot.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/ablation_view.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/analysis_views.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/analytic_view.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/cka_plot.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/cka_view.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/depth_plot.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/depth_view.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/plot_panel.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/tradeoff_plot.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/training_curves_plot.cpp
  ${GHOSTLENS_VIEWS_DIR}/src/views/training_dialog.cpp
)
