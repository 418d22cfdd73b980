"""Django project configuration: settings, URL map, API root and server entry points."""
