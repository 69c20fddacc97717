# dd/mm/yyyy everywhere: the Vietnamese administration writes dates this way, in both languages.
DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]
# 5.000 and 1.234,5: the point groups thousands and the comma marks decimals in Vietnamese. Django's own
# Vietnamese formats leave the grouping off, so a forced grouping (`number_format(…, force_grouping=True)`)
# would print 5000.
THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","
NUMBER_GROUPING = 3
