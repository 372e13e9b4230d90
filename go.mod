module github.com/make-connect/make-connect

go 1.26
