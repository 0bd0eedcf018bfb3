"""explain over the held-out real reports (tests/data/report_heldout.yaml): top-1 cause accuracy against the
cause each thread establishes, printed per set and per cause, and invented statements, gated at none.

The floors sit a few points under what the reading reaches now (set A 78.3 %, set B 88.3 %, set C 84.1 %,
set D 71.7 %, set E 68.3 %, set F 64.8 %, set G 70.5 %, set H 70.6 %, set I 68.0 %, set J 69.2 %, set K 63.5 %,
set L 58.9 %, set N 74.4 % when they were last set; set AK 65.8 %, set AL 61.3 %, set AM 60.9 %, set AN 58.6 %,
set AO 45.2 %, set AP 59.4 %, set AQ 28.6 %, set AR 55.0 %, set AS 67.6 %, set AT 67.6 %, set AU 66.7 %, set AV 91.4 %,
set AW 48.6 %, set AX 66.7 % on 2026-12-02; set AY 62.9 %, set AZ 40.0 %, set BA 76.5 %, set BB 78.8 %, set BC 60.0 %,
set BD 66.7 %, set BE 76.7 %, set BF 66.7 %, set BG 43.8 %, set BH 86.7 %, set BI 70.0 %, set BJ 56.7 %, set BK 72.4 %,
set BL 62.5 %, set BM 68.0 %, set BN 71.0 %, set BO 58.1 %, set BP 70.0 %, set BQ 80.0 %, set BR 64.5 %,
set BS 60.0 %, set BT 84.0 %, set BU 70.4 %, set BV 75.0 %, set BW 52.0 %, set BX 52.0 %, set BY 58.3 % on 2026-12-03;
set BZ 55.6 %, set CA 77.8 %, set CB 66.7 %, set CC 58.3 %, set CD 61.5 %, set CE 80.0 %, set CF 63.6 %, set CG 75.0 %,
set CH 70.0 %, set CI 63.6 %, set CJ 50.0 %, set CK 40.0 %, set CL 81.8 %, set CM 66.7 %, set CN 50.0 %, set CO 41.7 %,
set CP 83.3 %, set CQ 83.3 %, set CR 44.4 %, set CT 63.6 %, set CU 66.7 %, set CV 50.0 %, set CW 44.4 %, set CX 85.7 %,
set CY 50.0 %, set CZ 50.0 %, set DA 42.9 %, set DB 40.0 %, set DC 33.3 %, set DD 36.4 %, set DE 10.0 %,
set DF 36.4 %, set DG 100.0 %, set DH 50.0 %, set DI 50.0 %, set DJ 83.3 %,
set DK 20.0 %, set DL 27.3 %, set DM 80.0 % on 2026-12-03; set DN 63.6 %, set DO 63.6 %, set DP 75.0 %,
set DQ 50.0 %, set DR 80.0 %, set DS 50.0 %, set DT 50.0 %, set DU 80.0 %, set DV 50.0 %,
set DW 60.0 %, set DX 40.0 %, set DY 75.0 %,
set DZ 80.0 %, set EA 30.0 %, set EB 63.6 %,
set EC 0.0 %, set ED 66.7 %, set EE 80.0 %,
set EF 41.7 %, set EG 41.7 %, set EH 58.3 %, set EI 36.4 %, set EJ 41.7 %, set EK 75.0 %,
set EL 63.6 %, set EM 72.7 %, set EN 54.5 %,
set EO 63.6 %, set EP 50.0 %, set EQ 50.0 %,
set ER 54.5 %, set ES 60.0 %, set ET 72.7 %,
set EU 75.0 %, set EV 58.3 %, set EW 40.0 %, set EX 45.5 %, set EY 80.0 %, set EZ 66.7 %, set FA 58.3 %,
set FB 36.4 %, set FC 72.7 %, set FD 66.7 %, set FE 33.3 %,
set FF 75.0 %, set FG 91.7 %, set FH 60.0 %, set FI 63.6 %, set FJ 63.6 %, set FK 45.5 %, set FL 54.5 %,
set FM 80.0 %, set FN 75.0 %, set FO 66.7 %, set FP 50.0 %, set FQ 90.9 %,
set FR 50.0 %, set FS 75.0 %, set FT 41.7 %, set FU 40.0 %,
set FV 60.0 %, set FW 63.6 %, set FX 80.0 %, set FY 72.7 %,
set FZ 81.8 %, set GA 83.3 %, set GB 30.0 %, set GC 45.5 %,
set GD 81.8 %, set GE 81.8 %, set GF 58.3 %, set GG 50.0 %,
set GH 72.7 %, set GI 50.0 %, set GJ 36.4 %, set GK 100.0 %,
set GL 36.4 %, set GM 50.0 %, set GN 63.6 %, set GO 60.0 %,
set GP 50.0 %, set GQ 100.0 %, set GR 63.6 %, set GS 66.7 % on 2026-12-04,
set GT 75.0 %, set GU 83.3 %, set GV 50.0 %, set GW 90.9 %,
set GX 40.0 %, set GY 75.0 %, set GZ 72.7 %, set HA 45.5 %,
set HB 70.0 %, set HC 72.7 %, set HD 72.7 %, set HE 58.3 %,
set HF 70.0 %, set HG 66.7 %, set HH 66.7 %, set HI 91.7 %,
set HJ 50.0 %, set HK 72.7 %, set HL 58.3 %, set HM 72.7 %,
set HN 54.5 %, set HO 58.3 %, set HP 75.0 %, set HQ 75.0 %,
set HR 41.7 %, set HS 66.7 %, set HT 75.0 %, set HU 58.3 %,
set HV 45.5 %, set HW 54.5 %, set HX 80.0 %, set HY 50.0 %,
set HZ 50.0 %, set IA 63.6 %, set IB 83.3 %, set IC 58.3 %,
set ID 81.8 %, set IE 80.0 %, set IF 72.7 %, set IG 83.3 %,
set IH 66.7 %, set II 72.7 %, set IJ 63.6 %, set IK 63.6 %,
set IL 40.0 %, set IM 58.3 %, set IN 75.0 %, set IO 45.5 %,
set IP 50.0 %, set IQ 54.5 %, set IR 70.0 % on 2026-12-05,
where, with five to thirteen reports, one report is eight to twenty points, so their floors let one report go and not
two; set CS holds one report, set DE reads one of its ten and set EC none of its six, which their floors keep), so that
a change that loses two or three reports of a set fails here, and one that trades a report for another does not. They
are no target: each set was read before any rule was written for it (set A's unseen score was 34.8 %, set B's 41.6 %,
set C's 55.6 %, set D's 60.0 %, set E's 34.9 %, set F's 51.9 %, set G's 57.4 %, set H's 52.9 %, set I's 54.0 %,
set J's 48.1 %, set K's 40.4 %, set L's 53.6 %, set N's 65.1 %, set AK's 52.6 %, set AL's 51.6 %, set AM's 56.5 %,
set AN's 51.7 %, set AO's 32.3 %, set AP's 56.2 %, set AQ's 25.7 %, set AR's 55.0 %, set AS's 58.8 %, set AT's 54.1 %,
set AU's 60.0 %, set AV's 82.9 %, set AW's 37.8 %, set AX's 61.1 %, set AY's 60.0 %, set AZ's 40.0 %, set BA's 63.2 %,
set BB's 71.4 %, set BC's 57.1 %, set BD's 64.5 %, set BE's 76.7 %, set BF's 66.7 %, set BG's 42.4 %, set BH's 80.0 %,
set BI's 60.0 %, set BJ's 46.7 %, set BK's 63.3 %, set BL's 58.3 %, set BM's 64.0 %, set BN's 58.1 %, set BO's 45.2 %,
set BP's 56.7 %, set BQ's 66.7 %, set BR's 58.1 %, set BS's 53.3 %, set BT's 84.0 %, set BU's 70.4 %, set BV's 75.0 %,
set BW's 40.0 %, set BX's 52.0 %, set BY's 58.3 %, set BZ's 55.6 %, set CA's 77.8 %, set CB's 58.3 %,
set CC's 50.0 %, set CD's 61.5 %, set CE's 70.0 %, set CF's 54.5 %, set CG's 75.0 %, set CH's 40.0 %,
set CI's 45.5 %, set CJ's 50.0 %, set CK's 40.0 %, set CL's 81.8 %, set CM's 44.4 %, set CN's 33.3 %, set CO's 41.7 %,
set CP's 75.0 %, set CQ's 75.0 %, set CR's 33.3 %, set CS's 100.0 % of one, set CT's 54.5 %, set CU's 66.7 %,
set CV's 25.0 %, set CW's 44.4 %, set CX's 85.7 %, set CY's 40.0 %, set CZ's 30.0 %, set DA's 42.9 %,
set DB's 30.0 %, set DC's 33.3 %, set DD's 36.4 %, set DE's 10.0 %, set DF's 27.3 %,
set DG's 88.9 %, set DH's 50.0 %, set DI's 40.0 %, set DJ's 66.7 %, set DK's 20.0 %, set DL's 27.3 %,
set DM's 60.0 %, set DN's 36.4 %, set DO's 54.5 %, set DP's 66.7 %,
set DQ's 50.0 %, set DR's 50.0 %, set DS's 40.0 %, set DT's 30.0 %,
set DU's 60.0 %, set DV's 50.0 %, set DW's 50.0 %, set DX's 30.0 %, set DY's 50.0 %,
set DZ's 80.0 %, set EA's 30.0 %, set EB's 36.4 %,
set EC's 0.0 %, set ED's 66.7 %, set EE's 70.0 %,
set EF's 33.3 %, set EG's 25.0 %, set EH's 50.0 %, set EI's 27.3 %, set EJ's 16.7 %, set EK's 66.7 %,
set EL's 63.6 %, set EM's 36.4 %, set EN's 36.4 %,
set EO's 45.5 %, set EP's 50.0 %, set EQ's 33.3 %,
set ER's 45.5 %, set ES's 40.0 %, set ET's 54.5 %,
set EU's 66.7 %, set EV's 50.0 %, set EW's 40.0 %, set EX's 36.4 %, set EY's 70.0 %, set EZ's 58.3 %,
set FA's 50.0 %, set FB's 36.4 %, set FC's 36.4 %, set FD's 66.7 %, set FE's 33.3 %,
set FF's 75.0 %, set FG's 75.0 %, set FH's 50.0 %, set FI's 36.4 %, set FJ's 63.6 %, set FK's 45.5 %,
set FL's 36.4 %, set FM's 70.0 %, set FN's 66.7 %, set FO's 41.7 %, set FP's 37.5 %,
set FQ's 72.7 %, set FR's 25.0 %, set FS's 66.7 %, set FT's 41.7 %, set FU's 40.0 %,
set FV's 50.0 %, set FW's 45.5 %, set FX's 70.0 %, set FY's 9.1 %,
set FZ's 72.7 %, set GA's 83.3 %, set GB's 20.0 %, set GC's 27.3 %,
set GD's 72.7 %, set GE's 81.8 %, set GF's 41.7 %, set GG's 50.0 %,
set GH's 63.6 %, set GI's 50.0 %, set GJ's 36.4 %, set GK's 75.0 %,
set GL's 36.4 %, set GM's 50.0 %, set GN's 63.6 %, set GO's 30.0 %,
set GP's 40.0 %, set GQ's 66.7 %, set GR's 63.6 %, set GS's 50.0 %,
set GT's 50.0 %, set GU's 50.0 %, set GV's 40.0 %, set GW's 54.5 %,
set GX's 40.0 %, set GY's 66.7 %, set GZ's 54.5 %, set HA's 36.4 %,
set HB's 50.0 %, set HC's 63.6 %, set HD's 63.6 %, set HE's 50.0 %,
set HF's 60.0 %, set HG's 66.7 %, set HH's 50.0 %, set HI's 66.7 %,
set HJ's 50.0 %, set HK's 72.7 %, set HL's 58.3 %, set HM's 72.7 %,
set HN's 45.5 %, set HO's 50.0 %, set HP's 66.7 %, set HQ's 58.3 %,
set HR's 33.3 %, set HS's 66.7 %, set HT's 75.0 %, set HU's 58.3 %,
set HV's 45.5 %, set HW's 54.5 %, set HX's 60.0 %, set HY's 41.7 %,
set HZ's 50.0 %, set IA's 45.5 %, set IB's 66.7 %, set IC's 50.0 %,
set ID's 63.6 %, set IE's 80.0 %, set IF's 54.5 %, set IG's 83.3 %,
set IH's 33.3 %, set II's 54.5 %, set IJ's 54.5 %, set IK's 36.4 %,
set IL's 40.0 %, set IM's 41.7 %, set IN's 66.7 %, set IO's 45.5 %,
set IP's 50.0 %, set IQ's 54.5 %, set IR's 70.0 %;
set M is kept outside the repository, since its readings forbid every cause but one), and all have since served as
development sets, so reports no rule has seen are the honest measure. A floor is raised, never lowered,
with the number reached and the date.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

from jetson_gpu_access import data
from jetson_gpu_access.explain import explain
from test_report_corpus import invented

HELDOUT: List[Dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "data" / "report_heldout.yaml").read_text())
CORPUS: List[Dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "data" / "report_corpus.yaml").read_text())
CAUSES = {c["id"] for c in data.load("causes")["causes"]}
# Top-1 accuracy each set must keep (2026-12-01: set A 78.3 %, set B 88.3 %, set C 84.1 %, set D 71.7 %,
# set E 68.3 %, set F 64.8 %, set G 70.5 %, set H 70.6 %, set I 68.0 %, set J 69.2 %, set K 63.5 %, set L 58.9 %,
# set N 74.4 %; 2026-12-02: set AK 65.8 %, set AL 61.3 %, set AM 60.9 %, set AN 58.6 %, set AO 45.2 %, set AP 59.4 %, set AQ 28.6 %,
# set AR 55.0 %, set AS 67.6 %, set AT 67.6 %, set AU 66.7 %, set AV 91.4 %, set AW 48.6 %,
# set AX 66.7 %; 2026-12-03: set AY 62.9 %, set AZ 40.0 %, set BA 76.5 %, set BB 78.8 %, set BC 60.0 %, set BD 66.7 %,
# set BE 76.7 %, set BF 66.7 %, set BG 43.8 %, set BH 86.7 %, set BI 70.0 %, set BJ 56.7 %, set BK 72.4 %, set BL 62.5 %,
# set BM 68.0 %, set BN 71.0 %, set BO 58.1 %, set BP 70.0 %, set BQ 80.0 %, set BR 64.5 %, set BS 60.0 %, set BT 84.0 %,
# set BU 70.4 %, set BV 75.0 %, set BW 52.0 %, set BX 52.0 %, set BY 58.3 %, set BZ 55.6 %, set CA 77.8 %, set CB 66.7 %,
# set CC 58.3 %, set CD 61.5 %, set CE 80.0 %, set CF 63.6 %, set CG 75.0 %, set CH 70.0 %, set CI 63.6 %, set CJ 50.0 %,
# set CK 40.0 %, set CL 81.8 %, set CM 66.7 %, set CN 50.0 %, set CO 41.7 %, set CP 83.3 %, set CQ 83.3 %, set CR 44.4 %,
# set CS 100.0 % of its one report, whose floor lets none go, set CT 63.6 %, set CU 66.7 %, set CV 50.0 %, set CW 44.4 %,
# set CX 85.7 %, set CY 50.0 %, set CZ 50.0 %, set DA 42.9 %, set DB 40.0 %, set DC 33.3 %, set DD 36.4 %, set DE 10.0 %
# (its one report, whose floor keeps it), set DF 36.4 %, set DG 100.0 %, set DH 50.0 %, set DI 50.0 %, set DJ 83.3 %,
# set DK 20.0 %, set DL 27.3 %, set DM 80.0 %; 2026-12-04: set DN 63.6 %, set DO 63.6 %, set DP 75.0 %,
# set DQ 50.0 %, set DR 80.0 %, set DS 50.0 %, set DT 50.0 %, set DU 80.0 %, set DV 50.0 %,
# set DW 60.0 %, set DX 40.0 %, set DY 75.0 %, set DZ 80.0 %, set EA 30.0 %, set EB 63.6 %,
# set EC 0.0 % (its floor lets none go: it reads none), set ED 66.7 %, set EE 80.0 %, set EF 41.7 %, set EG 41.7 %,
# set EH 58.3 %, set EI 36.4 %, set EJ 41.7 %, set EK 75.0 %, set EL 63.6 %, set EM 72.7 %, set EN 54.5 %,
# set EO 63.6 %, set EP 50.0 %, set EQ 50.0 %, set ER 54.5 %, set ES 60.0 %, set ET 72.7 %,
# set EU 75.0 %, set EV 58.3 %, set EW 40.0 %, set EX 45.5 %, set EY 80.0 %, set EZ 66.7 %, set FA 58.3 %,
# set FB 36.4 %, set FC 72.7 %, set FD 66.7 %, set FE 33.3 %, set FF 75.0 %, set FG 91.7 %, set FH 60.0 %,
# set FI 63.6 %, set FJ 63.6 %, set FK 45.5 %, set FL 54.5 %, set FM 80.0 %, set FN 75.0 %, set FO 66.7 %,
# set FP 50.0 %, set FQ 90.9 %, set FR 50.0 %, set FS 75.0 %, set FT 41.7 %, set FU 40.0 %, set FV 60.0 %,
# set FW 63.6 %, set FX 80.0 %, set FY 72.7 %, set FZ 81.8 %, set GA 83.3 %, set GB 30.0 %, set GC 45.5 %,
# set GD 81.8 %, set GE 81.8 %, set GF 58.3 %, set GG 50.0 %, set GH 72.7 %, set GI 50.0 %, set GJ 36.4 %,
# set GK 100.0 %, set GL 36.4 %, set GM 50.0 %, set GN 63.6 %, set GO 60.0 %, set GP 50.0 %, set GQ 100.0 %,
# set GR 63.6 %, set GS 66.7 %, set GT 75.0 %, set GU 83.3 %, set GV 50.0 %, set GW 90.9 %, set GX 40.0 %,
# set GY 75.0 %, set GZ 72.7 %, set HA 45.5 %, set HB 70.0 %, set HC 72.7 %, set HD 72.7 %, set HE 58.3 %,
# set HF 70.0 %, set HG 66.7 %, set HH 66.7 %, set HI 91.7 %, set HJ 50.0 %, set HK 72.7 %, set HL 58.3 %,
# set HM 72.7 %; 2026-12-05: set HN 54.5 %, set HO 58.3 %, set HP 75.0 %, set HQ 75.0 %, set HR 41.7 %,
# set HS 66.7 %, set HT 75.0 %, set HU 58.3 %, set HV 45.5 %, set HW 54.5 %, set HX 80.0 %, set HY 50.0 %,
# set HZ 50.0 %, set IA 63.6 %, set IB 83.3 %, set IC 58.3 %, set ID 81.8 %, set IE 80.0 %, set IF 72.7 %,
# set IG 83.3 %, set IH 66.7 %, set II 72.7 %, set IJ 63.6 %, set IK 63.6 %, set IL 40.0 %, set IM 58.3 %,
# set IN 75.0 %, set IO 45.5 %, set IP 50.0 %, set IQ 54.5 %, set IR 70.0 %).
FLOORS = {"A": 0.74, "B": 0.85, "C": 0.81, "D": 0.67, "E": 0.64, "F": 0.60, "G": 0.67, "H": 0.67, "I": 0.64, "J": 0.65,
          "K": 0.60, "L": 0.55, "N": 0.70, "AK": 0.60, "AL": 0.54, "AM": 0.52, "AN": 0.51, "AO": 0.38, "AP": 0.53,
          "AQ": 0.22, "AR": 0.45, "AS": 0.60, "AT": 0.60, "AU": 0.60, "AV": 0.85, "AW": 0.42,
          "AX": 0.60, "AY": 0.57, "AZ": 0.34, "BA": 0.70, "BB": 0.72, "BC": 0.54, "BD": 0.60, "BE": 0.70, "BF": 0.58,
          "BG": 0.37, "BH": 0.80, "BI": 0.63, "BJ": 0.50, "BK": 0.65, "BL": 0.54, "BM": 0.60, "BN": 0.65, "BO": 0.52,
          "BP": 0.60, "BQ": 0.73, "BR": 0.55, "BS": 0.54, "BT": 0.78, "BU": 0.64, "BV": 0.68, "BW": 0.46,
          "BX": 0.46, "BY": 0.52, "BZ": 0.44, "CA": 0.66, "CB": 0.58,
          "CC": 0.50, "CD": 0.53, "CE": 0.65, "CF": 0.50, "CG": 0.56,
          "CH": 0.55, "CI": 0.50, "CJ": 0.37, "CK": 0.29, "CL": 0.72, "CM": 0.55, "CN": 0.41, "CO": 0.33, "CP": 0.74,
          "CQ": 0.74, "CR": 0.33, "CS": 1.0, "CT": 0.54, "CU": 0.55, "CV": 0.49, "CW": 0.33, "CX": 0.71, "CY": 0.40,
          "CZ": 0.40, "DA": 0.28, "DB": 0.30, "DC": 0.16, "DD": 0.27, "DE": 0.10, "DF": 0.27,
          "DG": 0.88, "DH": 0.40, "DI": 0.40, "DJ": 0.66, "DK": 0.10, "DL": 0.18, "DM": 0.70,
          "DN": 0.54, "DO": 0.54, "DP": 0.66, "DQ": 0.40, "DR": 0.70, "DS": 0.40,
          "DT": 0.40, "DU": 0.70, "DV": 0.40, "DW": 0.50, "DX": 0.30, "DY": 0.66,
          "DZ": 0.60, "EA": 0.20, "EB": 0.54, "EC": 0.0, "ED": 0.50, "EE": 0.70,
          "EF": 0.33, "EG": 0.33, "EH": 0.50, "EI": 0.27, "EJ": 0.33, "EK": 0.66,
          "EL": 0.54, "EM": 0.63, "EN": 0.45, "EO": 0.54, "EP": 0.41, "EQ": 0.41,
          "ER": 0.45, "ES": 0.50, "ET": 0.63,
          "EU": 0.66, "EV": 0.50, "EW": 0.30, "EX": 0.36, "EY": 0.70, "EZ": 0.58, "FA": 0.50,
          "FB": 0.27, "FC": 0.63, "FD": 0.58, "FE": 0.25,
          "FF": 0.66, "FG": 0.83, "FH": 0.50, "FI": 0.54,
          "FJ": 0.54, "FK": 0.36, "FL": 0.45, "FM": 0.70,
          "FN": 0.66, "FO": 0.58, "FP": 0.37, "FQ": 0.81,
          "FR": 0.41, "FS": 0.66, "FT": 0.33, "FU": 0.30,
          "FV": 0.50, "FW": 0.54, "FX": 0.70, "FY": 0.63,
          "FZ": 0.72, "GA": 0.75, "GB": 0.20, "GC": 0.36,
          "GD": 0.72, "GE": 0.72, "GF": 0.50, "GG": 0.40,
          "GH": 0.63, "GI": 0.40, "GJ": 0.27, "GK": 0.91,
          "GL": 0.27, "GM": 0.41, "GN": 0.54, "GO": 0.50,
          "GP": 0.40, "GQ": 0.91, "GR": 0.54, "GS": 0.58,
          "GT": 0.66, "GU": 0.75, "GV": 0.40, "GW": 0.81,
          "GX": 0.30, "GY": 0.66, "GZ": 0.63, "HA": 0.36,
          "HB": 0.60, "HC": 0.63, "HD": 0.63, "HE": 0.50,
          "HF": 0.60, "HG": 0.58, "HH": 0.58, "HI": 0.83,
          "HJ": 0.33, "HK": 0.63, "HL": 0.50, "HM": 0.63,
          "HN": 0.45, "HO": 0.50, "HP": 0.66, "HQ": 0.66,
          "HR": 0.33, "HS": 0.58, "HT": 0.66, "HU": 0.50,
          "HV": 0.36, "HW": 0.45, "HX": 0.70, "HY": 0.41,
          "HZ": 0.41, "IA": 0.54, "IB": 0.75, "IC": 0.50,
          "ID": 0.72, "IE": 0.70, "IF": 0.63, "IG": 0.75, "IH": 0.58, "II": 0.63, "IJ": 0.54, "IK": 0.54,
          "IL": 0.30, "IM": 0.50, "IN": 0.66, "IO": 0.36,
          "IP": 0.40, "IQ": 0.45, "IR": 0.60}


def test_the_held_out_sets_are_sourced_and_apart_from_the_corpus() -> None:
    assert {e["set"] for e in HELDOUT} == set(FLOORS)
    urls = [e["url"].rstrip("/") for e in HELDOUT]
    assert len(set(urls)) == len(urls) and not set(urls) & {e["url"].rstrip("/") for e in CORPUS}
    for entry in HELDOUT:
        assert entry["url"].startswith("https://") and entry["text"].strip(), entry["url"]
        assert {entry["cause"], entry["cause_from_paste"], *entry["also_possible"]} <= CAUSES, entry["url"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_held_out_accuracy_per_set_and_no_invented_statement(name: str) -> None:
    entries = [e for e in HELDOUT if e["set"] == name]
    total: Counter[str] = Counter(e["cause"] for e in entries)
    right: Counter[str] = Counter()
    misses, inventions = [], []
    for entry in entries:
        result = explain(entry["text"])
        if result.cause.id == entry["cause"]:
            right[entry["cause"]] += 1
        else:
            misses.append("{}: {} (thread: {})".format(entry["url"], result.cause.id, entry["cause"]))
        inventions += ["{}: {}".format(entry["url"], w) for w in invented(entry, result)]
    accuracy = sum(right.values()) / len(entries)
    print("\nheld-out set {}: top-1 cause accuracy {:.1%} of {} reports (floor {:.0%}); invented statements: {}".format(
        name, accuracy, len(entries), FLOORS[name], len(inventions)))
    print("\n".join("    {:<28} {}/{}".format(cause, right[cause], n) for cause, n in total.most_common()))
    print("\n".join(["miss: " + m for m in misses] + ["invented: " + w for w in inventions]))
    assert not inventions, inventions
    assert accuracy >= FLOORS[name], misses
