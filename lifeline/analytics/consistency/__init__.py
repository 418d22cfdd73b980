"""Decision consistency: a hierarchical logistic model, outlier flags and funnel plots."""
