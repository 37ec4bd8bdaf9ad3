"""UI layer: Qt widgets and models. Thin: it asks the services and draws what they return."""
