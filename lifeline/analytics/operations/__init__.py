"""Operations dashboards: summaries refreshed by a task, read into tables, charts and exports."""
