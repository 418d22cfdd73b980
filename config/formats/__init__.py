"""Django date and number formats where Django's own are wrong for the portal's readers (ADR
0268). Django looks here first, then in its own modules for anything a module leaves out.

Django ships none for Pashto, and its Haitian Creole module writes the month first
("Dec. 23, 2026") and reads "10/12/2026" as 12 October; Django has no month names in either
language, so both write dates in figures, in the order CLDR gives. Dari (fa-af) follows
Persian's order but with Afghanistan's separators; Arabic's separators are CLDR's (a thousands
comma and a decimal point), as the portal's amounts are written.
"""
