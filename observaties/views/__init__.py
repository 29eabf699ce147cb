"""Pages for professionals and team leads. Access is decided in `access`, writes in `services`."""
