import TextMill
