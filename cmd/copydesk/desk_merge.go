package main

import "copydesk/desk"

// deskMerge is the three-way merge sync uses for an article changed on
// both sides.
var deskMerge desk.MergeFunc = desk.MergeWhole
