"""The app's screens: home, content notes, conversation, reflect, share, feedback, debrief."""
