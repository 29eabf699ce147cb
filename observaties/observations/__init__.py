"""One observation's content as the checklist records it, and the rules it must meet: the same
object and the same rules for the form, the save and the hand-in."""
