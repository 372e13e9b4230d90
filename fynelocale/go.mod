module early.local/fynelocale

go 1.26
