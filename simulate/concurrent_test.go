package simulate

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"
)

// TestConcurrentUse runs scenarios and questions from many goroutines on
// one Simulator; with -race it checks that evaluation shares nothing
// mutable, and every goroutine must see the sequential results.
func TestConcurrentUse(t *testing.T) {
	sim, err := New(loadRepo(t, "aws"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want, _ := sim.RunScenarios(ctx)
	q := Question{Principal: "arn:aws:iam::111122223333:user/ops", Assume: []string{"arn:aws:iam::111122223333:role/deployer"},
		Action: "lambda:UpdateFunctionCode", Resource: "arn:aws:lambda:us-east-1:111122223333:function:f"}
	wantQ, err := sim.Can(ctx, q)
	if err != nil || wantQ.Effect != Allow {
		t.Fatalf("question: %v %v", wantQ.Effect, err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if got, _ := sim.RunScenarios(ctx); !reflect.DeepEqual(got, want) {
					errs <- "scenario results differ between goroutines"
					return
				}
				if d, err := sim.Can(ctx, q); err != nil || !reflect.DeepEqual(d, wantQ) {
					errs <- "question decided differently"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestPrincipals(t *testing.T) {
	sim, err := New(loadRepo(t, "acs"))
	if err != nil {
		t.Fatal(err)
	}
	ps := sim.Principals()
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	if !slices.IsSorted(names) {
		t.Errorf("principals not sorted: %v", names)
	}
	for _, want := range []string{"acs:ram::11223344:root", "acs:ram::12345678:user/alice", "acs:ram::11223344:role/ecs-admin", "ecs.aliyuncs.com"} {
		if !slices.Contains(names, want) {
			t.Errorf("principals lack %s: %v", want, names)
		}
	}
	for _, p := range ps {
		if p.Kind == "service" && !slices.Equal(p.Via, []string{"acs:ram::11223344:role/ecs-service"}) {
			t.Errorf("service %s via %v", p.Name, p.Via)
		}
	}
	// a principal of an account the inventory lacks is external
	d, err := sim.Can(context.Background(), Question{Principal: "acs:ram::99999999:root", Action: "oss:GetObject", Resource: "acs:oss:*:11223344:reports/x"})
	if err != nil || d.Effect != ImplicitDeny || len(d.Notes) == 0 {
		t.Errorf("external principal: %v %v %v", d.Effect, d.Notes, err)
	}
}
