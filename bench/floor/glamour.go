//go:build !noglamour

package main

// Linked for its package initialisation only, as brief links it.
import _ "charm.land/glamour/v2"
