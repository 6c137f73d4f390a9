#!/bin/bash
# usage: cpu.sh PID URL KIND
pid=$1; t0=$(awk '{print $14+$15}' /proc/$pid/stat)
out=$(node bench/.load-tmp.mjs $2 $3 3)
t1=$(awk '{print $14+$15}' /proc/$pid/stat)
rps=$(echo "$out" | awk '{print $5}')
echo "$out  server_us_per_req=$(python3 -c "print(round(($t1-$t0)*10000/(float('$rps')*3),1))")"
