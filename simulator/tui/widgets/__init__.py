"""Small widgets peersim needs beyond Textual's own."""
