# P vs C on the val-prevalence runs (rule.md beside this file): python3 compare.py [P C]
import csv,collections,sys,os
here=os.path.dirname(os.path.abspath(__file__))
P=sys.argv[1] if len(sys.argv)>1 else os.path.join(here,'P')
C=sys.argv[2] if len(sys.argv)>2 else os.path.join(here,'C')
last=40
def load(run):
    d=collections.defaultdict(dict)
    for r in csv.DictReader(open(run+'/curves.csv')):
        d[(r['strategy'],int(r['seed']))][int(r['labelled_patches'])]={k:float(r[k]) for k in ('iou','iou_at_half','threshold','oracle_iou')}
    return d
p,c=load(P),load(C)
xs=list(range(10,last+1,10))
def auc(ys): return sum((xs[i]-xs[i-1])*(ys[i]+ys[i-1])/2 for i in range(1,len(xs)))/(xs[-1]-xs[0])
same=True;rows=[]
for key in sorted(p):
    if key not in c: continue
    for x in p[key]:
        if x in c[key] and p[key][x]['iou_at_half']!=c[key][x]['iou_at_half']: same=False; print('MODELS DIFFER',key,x,p[key][x]['iou_at_half'],c[key][x]['iou_at_half'])
    if not all(x in p[key] and x in c[key] for x in xs): print('incomplete',key); continue
    a=lambda d,k: auc([d[key][x][k] for x in xs])
    AP,AC,AF=a(p,'iou'),a(c,'iou'),a(p,'iou_at_half')
    rows.append((key[0],key[1],AP-AC,AF-AC,AP-AF))
    print('%-11s %d P %s (%.4f) thr %s | C %s (%.4f) thr %s | F %.4f | oracle %s'%(key[0],key[1],' '.join('%.3f'%p[key][x]['iou'] for x in xs),AP,' '.join('%.2f'%p[key][x]['threshold'] for x in xs),' '.join('%.3f'%c[key][x]['iou'] for x in xs),AC,' '.join('%.2f'%c[key][x]['threshold'] for x in xs),AF,' '.join('%.3f'%p[key][x]['oracle_iou'] for x in xs)))
print('identical models (iou_at_half on every shared row):',same)
if rows:
    m=sum(r[2] for r in rows)/len(rows); n=sum(r[2]>=0 for r in rows)
    print('curves %d: mean AUC(P)-AUC(C) %+.4f (cond1 > +0.005: %s); P>=C on %d (cond2 >= 10: %s)'%(len(rows),m,m>0.005,n,n>=10))
    for s in ['random','uncertainty','two-stream']:
        v=[r for r in rows if r[0]==s]
        if v: print('  %-12s P-C %+.4f (P>=C %d/%d)  F-C %+.4f  P-F %+.4f'%(s,sum(r[2] for r in v)/len(v),sum(r[2]>=0 for r in v),len(v),sum(r[3] for r in v)/len(v),sum(r[4] for r in v)/len(v)))
    rd=[r[2] for r in rows if r[0]=='random']
    if rd: print('random mean P-C %+.4f (cond3 > -0.005: %s)'%(sum(rd)/len(rd),sum(rd)/len(rd)>-0.005))
