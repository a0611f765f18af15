#!/bin/sh
# Prints a greeting for its first argument.
echo "Hello, ${1:-world}!"
